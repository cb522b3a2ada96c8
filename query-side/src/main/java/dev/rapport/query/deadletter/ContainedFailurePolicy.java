package dev.rapport.query.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * Parks a failed event only when its failure was contained by a savepoint. Otherwise the processor's
 * transaction may be aborted or hold half of the event's writes: the policy makes the projection careful and
 * fails the batch, which Axon rolls back and retries; the retry contains the failure and parks the event. A deadlock
 * or lock timeout is never parked (the event is not at fault): it fails the batch, which is retried.
 */
public class ContainedFailurePolicy implements EnqueuePolicy<EventMessage<?>> {

    private final String processingGroup;
    private final ContainedFailures failures;
    private final Counter rolledBack;
    private final Counter contended;

    public ContainedFailurePolicy(String processingGroup, ContainedFailures failures, MeterRegistry meters) {
        this.processingGroup = processingGroup;
        this.failures = failures;
        this.rolledBack = Counter.builder("rapport.projection.uncontained-failures")
                .description("Batches rolled back and retried because a handler failed outside a savepoint")
                .tag("processingGroup", processingGroup)
                .register(meters);
        this.contended = Counter.builder("rapport.projection.contended-failures")
                .description("Batches rolled back and retried because a handler met a deadlock or lock timeout")
                .tag("processingGroup", processingGroup)
                .register(meters);
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean contained = failures.wasContained(cause);
        if (ContainedFailures.contended(cause)) {
            // a deadlock or lock timeout is no event's fault: retried with the batch, never parked
            contended.increment();
            throw new ContendedException(processingGroup, letter.message(), cause);
        }
        if (contained) {
            return Decisions.enqueue(cause);
        }
        failures.beCareful(processingGroup);
        rolledBack.increment();
        throw new FailureNotContainedException(processingGroup, letter.message(), cause);
    }

    /** Fails the batch so it is rolled back and retried. */
    static class ContendedException extends RuntimeException {
        ContendedException(String processingGroup, EventMessage<?> event, Throwable cause) {
            super("Handling " + event.getPayloadType().getSimpleName() + " " + event.getIdentifier() + " in " + processingGroup
                    + " met a deadlock or lock timeout; the batch is rolled back and retried", cause);
        }
    }

    /** Fails the batch so it is retried with a savepoint per handler. */
    static class FailureNotContainedException extends RuntimeException {
        FailureNotContainedException(String processingGroup, EventMessage<?> event, Throwable cause) {
            super("Handling " + event.getPayloadType().getSimpleName() + " " + event.getIdentifier() + " in " + processingGroup
                    + " failed outside a savepoint; the batch is rolled back and retried with one savepoint per handler,"
                    + " so the event can be dead-lettered alone", cause);
        }
    }
}
