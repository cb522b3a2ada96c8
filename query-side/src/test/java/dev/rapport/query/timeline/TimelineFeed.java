package dev.rapport.query.timeline;

import dev.rapport.query.ProjectionDatabase;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Delivers events to the timeline projection as its processor would: a stored message and its log position. */
final class TimelineFeed {

    static final Instant STORED_AT = Instant.parse("2026-06-01T12:00:00Z");

    private final CustomerTimelineProjection projection;

    TimelineFeed(JdbcClient jdbc) {
        this.projection = new CustomerTimelineProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    }

    /** The event at that position of the log, caused by employee {@code emp-1} through {@code crm-web}. */
    void deliver(long position, String aggregateId, Object payload) {
        var message = new GenericDomainEventMessage<>("Aggregate", aggregateId, 0, payload,
                Map.of("actor", "emp-1", "source", "crm-web"), "event-" + position, STORED_AT);
        projection.on(payload, message, new GlobalSequenceTrackingToken(position));
    }

    CustomerTimelineProjection projection() {
        return projection;
    }
}
