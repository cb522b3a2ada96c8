package dev.rapport.query.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.rapport.query.writes.ProjectionWrites;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time travel: the customer 360 as it was at an instant or log position, built by running the very
 * same customer-view projection over that customer's events up to the point — into temporary copies of
 * its tables (PostgreSQL searches temporary tables first), inside a transaction that is rolled back.
 * No second copy of the projection logic exists.
 */
@Component
public class CustomerAsOf {

    /** The tables the customer-view projection writes. */
    static final List<String> TABLES = List.of("customer_view", "customer_purchase", "customer_refund", "customer_open_complaint");

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;
    private final TransactionTemplate transactions;
    private final Serializer eventSerializer;
    private final org.axonframework.config.Configuration axon;

    CustomerAsOf(JdbcClient jdbc, ProjectionWrites writes, PlatformTransactionManager transactionManager,
                 @Qualifier("eventSerializer") Serializer eventSerializer, org.axonframework.config.Configuration axon) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.transactions = new TransactionTemplate(transactionManager);
        this.eventSerializer = eventSerializer;
        this.axon = axon;
    }

    /** The customer as of an instant: every event stored with a timestamp at or before it. */
    public Optional<CustomerView> at(String customerId, Instant at) {
        return replay(customerId, "time_stamp::timestamptz <= :at", at, at);
    }

    /** The customer as of a log position: every event up to and including it. */
    public Optional<CustomerView> atPosition(String customerId, long position) {
        return replay(customerId, "global_index <= :position", position, null);
    }

    private Optional<CustomerView> replay(String customerId, String until, Object bound, Instant asOf) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            for (String table : TABLES) {
                jdbc.sql("CREATE TEMPORARY TABLE " + table + " (LIKE public." + table + " INCLUDING ALL) ON COMMIT DROP").update();
            }
            var projections = List.of(
                    new AnnotationEventHandlerAdapter(new CustomerViewProjection(writes, new io.micrometer.core.instrument.simple.SimpleMeterRegistry())),
                    new AnnotationEventHandlerAdapter(new CustomerActivityProjection(writes)));
            Instant lastEvent = null;
            for (EventMessage<?> event : events(customerId, until, bound)) {
                for (AnnotationEventHandlerAdapter projection : projections) {
                    if (projection.canHandle(event)) {
                        handle(projection, event);
                    }
                }
                lastEvent = event.getTimestamp();
            }
            Instant now = asOf != null ? asOf : lastEvent;
            return CustomerViews.withoutChurnModel(jdbc).find(customerId, now);
        });
    }

    private List<EventMessage<?>> events(String customerId, String until, Object bound) {
        List<GenericDomainEventEntry<String>> rows = jdbc.sql("""
                        SELECT type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE customer_id = :customer""" + " AND " + until + " ORDER BY global_index")
                .param("customer", customerId)
                .param(until.startsWith("global") ? "position" : "at", bound instanceof Instant instant ? java.sql.Timestamp.from(instant) : bound)
                .query((rs, row) -> new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                        rs.getString("payload_type"), rs.getString("payload_revision"), rs.getString("payload"), rs.getString("meta_data")))
                .list();
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), eventSerializer,
                axon.upcasterChain())).<EventMessage<?>>map(event -> event).toList();
    }

    private static void handle(AnnotationEventHandlerAdapter projection, EventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("Replaying " + event.getPayloadType().getSimpleName() + " failed", e);
        }
    }
}
