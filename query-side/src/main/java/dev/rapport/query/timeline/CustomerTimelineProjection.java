package dev.rapport.query.timeline;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Optional;

import dev.rapport.platform.web.CommandMetadata;
import dev.rapport.query.CustomerSequencing;
import dev.rapport.query.Projections;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Writes one {@code customer_timeline} row per event that names a customer, keyed by the event's
 * global position in the log: a redelivered event hits the same key and changes nothing. Runs in the
 * processor's transaction (row and token commit together) and reads no clock: the time shown is the
 * event's own business time, or the time it was stored when the event has none.
 */
@Component
@ProcessingGroup(Projections.CUSTOMER_TIMELINE)
class CustomerTimelineProjection {

    private final ProjectionWrites writes;
    private final Counter handled;

    CustomerTimelineProjection(ProjectionWrites writes, MeterRegistry meters) {
        this.writes = writes;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", Projections.CUSTOMER_TIMELINE)
                .register(meters);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        Optional<String> customer = CustomerSequencing.customerOf(payload);
        if (customer.isEmpty()) {
            return;
        }
        handled.increment();
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("The timeline needs a log position; got token " + token));
        TimelineEntries.Description entry = TimelineEntries.describe(payload);
        var occurredAt = entry.occurredAt() != null ? entry.occurredAt() : message.getTimestamp();
        var params = new HashMap<String, Object>();
        params.put("position", position);
        params.put("customer", customer.get());
        params.put("occurredAt", Timestamp.from(occurredAt));
        params.put("recordedAt", Timestamp.from(message.getTimestamp()));
        params.put("type", payload.getClass().getSimpleName());
        params.put("summary", entry.summary());
        params.put("actor", metadata(message, CommandMetadata.ACTOR));
        params.put("source", metadata(message, CommandMetadata.SOURCE));
        params.put("channel", entry.channel());
        params.put("aggregate", message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null);
        params.put("eventId", message.getIdentifier());
        // one row per log position: rows of different positions never touch each other
        writes.write(String.valueOf(position), """
                        INSERT INTO customer_timeline (position, customer_id, occurred_at, recorded_at, event_type, summary,
                            actor, source, channel, aggregate_id, event_id)
                        VALUES (:position, :customer, :occurredAt, :recordedAt, :type, :summary, :actor, :source, :channel,
                            :aggregate, :eventId)
                        ON CONFLICT (position) DO NOTHING""", params);
    }

    /** A replay rebuilds the timeline from scratch. */
    @ResetHandler
    void reset() {
        writes.now("TRUNCATE customer_timeline");
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
