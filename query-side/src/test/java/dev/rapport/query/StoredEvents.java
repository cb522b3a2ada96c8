package dev.rapport.query;

import dev.rapport.platform.AxonJdbcAutoConfiguration;
import dev.rapport.platform.upcasting.EventRevisionResolver;
import dev.rapport.platform.upcasting.StoredEventUpcasters;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The event store in the {@link ProjectionDatabase}: rows written as some version of the application
 * stored them, and Axon's JDBC engine configured as the deployables configure it (JSON as text, the
 * platform's revision resolver and upcasters).
 */
public final class StoredEvents {

    public static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder()
            .revisionResolver(new EventRevisionResolver())
            .build();

    private StoredEvents() {
    }

    /** Empties the event store and restarts its positions at 1. */
    public static void clear() {
        ProjectionDatabase.jdbc().sql("TRUNCATE domain_event_entry, event_hash_chain RESTART IDENTITY").update();
    }

    /** Stores one event row as is, bypassing Axon; answers its position (drawn at the commit). */
    public static long insert(Row row) {
        ProjectionDatabase.jdbc().sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data)
                        VALUES (:eventId, :aggregateId, :sequence, :aggregateType, :timestamp, :payloadType, :revision,
                            :payload, :metadata)""")
                .param("eventId", row.eventId())
                .param("aggregateId", row.aggregateId())
                .param("sequence", row.sequence())
                .param("aggregateType", row.aggregateType())
                .param("timestamp", row.timestamp())
                .param("payloadType", row.payloadType())
                .param("revision", row.revision())
                .param("payload", row.payload())
                .param("metadata", row.metadata())
                .update();
        return ProjectionDatabase.jdbc().sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                .param(row.eventId()).query(Long.class).single();
    }

    public static JdbcEventStorageEngine engine() {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(ProjectionDatabase.dataSource()::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonJdbcAutoConfiguration.eventStoreSchema())
                .dataType(String.class)
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .upcasterChain(new EventUpcasterChain(StoredEventUpcasters.all()))
                .build();
    }

    /** One {@code domain_event_entry} row; {@code revision} and {@code metadata} may be null. */
    public record Row(String eventId, String aggregateType, String aggregateId, long sequence, String timestamp,
                      String payloadType, String revision, String payload, String metadata) {
    }
}
