package dev.rapport.query.timeline;

import java.sql.Timestamp;
import java.util.Optional;

import dev.rapport.platform.web.CommandMetadata;
import dev.rapport.query.CustomerSequencing;
import dev.rapport.query.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final Counter handled;

    CustomerTimelineProjection(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
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
        jdbc.sql("""
                        INSERT INTO customer_timeline (position, customer_id, occurred_at, recorded_at, event_type, summary,
                            actor, source, channel, aggregate_id, event_id)
                        VALUES (:position, :customer, :occurredAt, :recordedAt, :type, :summary, :actor, :source, :channel,
                            :aggregate, :eventId)
                        ON CONFLICT (position) DO NOTHING""")
                .param("position", position)
                .param("customer", customer.get())
                .param("occurredAt", Timestamp.from(occurredAt))
                .param("recordedAt", Timestamp.from(message.getTimestamp()))
                .param("type", payload.getClass().getSimpleName())
                .param("summary", entry.summary())
                .param("actor", metadata(message, CommandMetadata.ACTOR))
                .param("source", metadata(message, CommandMetadata.SOURCE))
                .param("channel", entry.channel())
                .param("aggregate", message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null)
                .param("eventId", message.getIdentifier())
                .update();
    }

    /** A replay rebuilds the timeline from scratch. */
    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE customer_timeline").update();
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
