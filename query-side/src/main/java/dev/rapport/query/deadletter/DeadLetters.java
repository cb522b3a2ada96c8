package dev.rapport.query.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rapport.platform.DeadLetterQueues;
import dev.rapport.platform.web.NotFound;
import dev.rapport.query.CustomerSequencing;
import dev.rapport.query.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The projections' dead-letter queues: what is parked, retrying it through the projection's own
 * processor, and evicting it. Gauge {@code rapport.dead-letters} counts the parked events per group.
 */
@Component
class DeadLetters {

    private final DeadLetterQueues queues;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final ContainedFailures failures;
    /** Gauges only hold their object weakly: these queues must live as long as the gauges. */
    private final List<SequencedDeadLetterQueue<EventMessage<?>>> measured = new ArrayList<>();

    DeadLetters(DeadLetterQueues queues, ObjectProvider<org.axonframework.config.Configuration> axon, MeterRegistry meters,
                ContainedFailures failures) {
        this.queues = queues;
        this.axon = axon;
        this.failures = failures;
        for (String group : Projections.NAMES) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queues.forProcessingGroup(group);
            measured.add(queue);
            Gauge.builder("rapport.dead-letters", queue, SequencedDeadLetterQueue::size)
                    .tag("processingGroup", group)
                    .description("events parked in a projection's dead-letter queue")
                    .register(meters);
        }
    }

    List<DeadLetterView.Group> all() {
        return Projections.NAMES.stream().map(this::group).toList();
    }

    DeadLetterView.Group group(String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        List<DeadLetterView.Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            List<DeadLetterView.Letter> letters = new ArrayList<>();
            String identifier = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                identifier = identifier != null ? identifier
                        : String.valueOf(CustomerSequencing.INSTANCE.getSequenceIdentifierFor(letter.message()));
                letters.add(view(letter));
            }
            sequences.add(new DeadLetterView.Sequence(identifier, letters));
        }
        return new DeadLetterView.Group(processingGroup, queue.size(), sequences);
    }

    /**
     * Hands every parked sequence back to the projection's processor once, oldest first; a sequence that
     * fails again stays parked (its cause updated). Bounded by the sequences there were, so a failing one
     * is not retried in a loop.
     */
    DeadLetterView.RetryOutcome retry(String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = axon.getObject().eventProcessingConfiguration()
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new NotFound("A dead-letter processor for", processingGroup));
        failures.beCareful(processingGroup);
        long before = queue.amountOfSequences();
        int succeeded = 0;
        int failed = 0;
        for (long attempt = 0; attempt < before && queue.amountOfSequences() > 0; attempt++) {
            if (processor.processAny()) {
                succeeded++;
            } else {
                failed++;
            }
        }
        return new DeadLetterView.RetryOutcome(processingGroup, before, succeeded, failed, queue.amountOfSequences());
    }

    /** Drops a sequence's parked events for good: the read model will miss them until the projection is rebuilt. */
    DeadLetterView.Eviction evict(String processingGroup, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        if (!queue.contains(sequenceIdentifier)) {
            throw new NotFound("A dead-letter sequence in " + processingGroup + " for", sequenceIdentifier);
        }
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequenceIdentifier).forEach(letters::add);
        letters.forEach(queue::evict);
        return new DeadLetterView.Eviction(processingGroup, sequenceIdentifier, letters.size());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        if (!Projections.NAMES.contains(processingGroup)) {
            throw new NotFound("Projection", processingGroup);
        }
        return queues.forProcessingGroup(processingGroup);
    }

    private static DeadLetterView.Letter view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Long position = event instanceof TrackedEventMessage<?> tracked
                ? Optional.ofNullable(tracked.trackingToken()).flatMap(token -> {
                    java.util.OptionalLong at = token.position();
                    return at.isPresent() ? Optional.of(at.getAsLong()) : Optional.empty();
                }).orElse(null)
                : null;
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequenceNumber = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new DeadLetterView.Letter(event.getIdentifier(), event.getPayloadType().getSimpleName(), position, aggregate,
                sequenceNumber, letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
