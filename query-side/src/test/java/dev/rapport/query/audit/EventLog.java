package dev.rapport.query.audit;

import java.util.UUID;

import dev.rapport.query.ProjectionDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The event store as a tamperer sees it: plain SQL, so the event store's triggers link what is appended. */
final class EventLog {

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();

    void clear() {
        jdbc.sql("TRUNCATE domain_event_entry, event_hash_chain").update();
    }

    /** Stores an event of the customer and returns its position (drawn at the commit, V5__link_events_at_commit.sql). */
    long append(String customerId) {
        String eventId = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 0, 'Sale', '2026-03-01T10:15:30.123Z', 'dev.rapport.events.sales.SaleRecorded', NULL,
                            ?, '{"actor":"alice","idempotencyKey":"k-1"}')""")
                .params(eventId, UUID.randomUUID().toString(),
                        "{\"customerId\":\"" + customerId + "\",\"amount\":\"129.90\",\"note\":\"paid in café\"}")
                .update();
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?").param(eventId)
                .query(Long.class).single();
    }

    /** Changes one byte of the payload: the 'd' of "paid" becomes a 't'. */
    void alterOnePayloadByte(long position) {
        jdbc.sql("UPDATE domain_event_entry SET payload = overlay(payload PLACING 't' FROM strpos(payload, 'paid') + 3 FOR 1) "
                + "WHERE global_index = ?").param(position).update();
    }

    void alterMetadata(long position) {
        jdbc.sql("UPDATE domain_event_entry SET meta_data = replace(meta_data, 'alice', 'mallory') WHERE global_index = ?")
                .param(position).update();
    }

    String payload(long position) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?").param(position).query(String.class).single();
    }

    void deleteEvent(long position) {
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = ?").param(position).update();
    }

    void deleteLink(long position) {
        jdbc.sql("DELETE FROM event_hash_chain WHERE global_index = ?").param(position).update();
    }
}
