package dev.rapport.query.deadletter;

import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Batches a live projection's writes per processor batch: from the batch's first event, the handlers' writes through
 * {@link ProjectionWrites} are collected and sent as JDBC batches in the batch's prepare-commit phase, in its
 * transaction and before it commits with the processor's token (so a consistency token never sees the position
 * without the rows). While the projection is careful ({@link ContainedFailures}) its batches write statement by
 * statement instead, so the savepoint around each handler contains a failure.
 * <p>
 * A statement that fails only at the flush cannot be pinned on an event: the flush failure rolls the whole batch back
 * (rows and token) and makes the projection careful, so the retry runs event by event in savepoints and parks the
 * event at fault alone, as for a handler failing in PostgreSQL. A transient failure (a deadlock with another
 * projection's batch, a lock timeout) is no event's fault: the batch is rolled back and retried batched.
 * <p>
 * Only for projections whose handlers write <em>only</em> through {@link ProjectionWrites} and read nothing their own
 * batch may have written (the condition a blue/green rebuild, which batches the same way, already requires): a
 * statement run directly would overtake the collected ones.
 */
public class BatchedUnlessCareful implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String DECIDED = BatchedUnlessCareful.class.getName();

    private final String processingGroup;
    private final ProjectionWrites writes;
    private final ContainedFailures failures;
    private final Counter failedFlushes;
    private final Counter contendedFlushes;

    public BatchedUnlessCareful(String processingGroup, ProjectionWrites writes, ContainedFailures failures, MeterRegistry meters) {
        this.processingGroup = processingGroup;
        this.writes = writes;
        this.failures = failures;
        this.failedFlushes = Counter.builder("rapport.projection.failed-flushes")
                .description("Live batches whose batched writes failed at the flush: rolled back and retried carefully")
                .tag("processingGroup", processingGroup)
                .register(meters);
        this.contendedFlushes = Counter.builder("rapport.projection.contended-flushes")
                .description("Live batches whose batched writes met a deadlock or lock timeout: rolled back and retried batched")
                .tag("processingGroup", processingGroup)
                .register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        // a processor's batch; a dead-letter retry runs in a plain unit of work, carefully
        if (unitOfWork instanceof BatchingUnitOfWork<?> && unitOfWork.parent().isEmpty()) {
            unitOfWork.getOrComputeResource(DECIDED, key -> batchUnlessCareful(unitOfWork));
        }
        return interceptorChain.proceed();
    }

    private Boolean batchUnlessCareful(UnitOfWork<?> unitOfWork) {
        if (failures.careful(processingGroup)) {
            return Boolean.FALSE;
        }
        writes.startBatch();
        unitOfWork.onPrepareCommit(u -> flush());
        unitOfWork.onCleanup(u -> writes.discardBatch());
        return Boolean.TRUE;
    }

    private void flush() {
        try {
            writes.flushBatch();
        } catch (RuntimeException failure) {
            if (ContainedFailures.contended(failure)) {
                // no event's fault: rolled back and retried as it is; carefully, an innocent event would be parked
                // if it met the same contention in its savepoint
                contendedFlushes.increment();
                throw failure;
            }
            failures.beCareful(processingGroup);
            failedFlushes.increment();
            throw new FlushFailedException(processingGroup, failure);
        }
    }

    /** Fails the batch so it is rolled back and retried with one savepoint per handler. */
    static class FlushFailedException extends RuntimeException {
        FlushFailedException(String processingGroup, Throwable cause) {
            super("The batched writes of " + processingGroup + " failed; the batch is rolled back and retried event by event,"
                    + " so the event at fault can be dead-lettered alone", cause);
        }
    }
}
