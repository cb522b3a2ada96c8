package dev.rapport.query.deadletter;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the admin API shows of the dead letters. */
final class DeadLetterView {

    private DeadLetterView() {
    }

    record Group(String processingGroup, long deadLetters, List<Sequence> sequences) {
    }

    /** One customer's (or aggregate's) parked events, oldest first: they are retried together, in order. */
    record Sequence(@Schema(description = "the customer id (the sequencing key) whose events are parked") String sequenceIdentifier,
                    List<Letter> letters) {
    }

    record Letter(String eventIdentifier, String eventType, Long position, String aggregateIdentifier, Long sequenceNumber,
                  String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched) {
    }

    record RetryOutcome(String processingGroup, long sequencesBefore, int succeeded, int failed, long sequencesRemaining) {
    }

    record Eviction(String processingGroup, String sequenceIdentifier, int evicted) {
    }
}
