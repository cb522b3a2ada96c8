package dev.rapport.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.rapport.platform.privacy.PersonalDataProtection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A customer's complete history straight from the event store, across every aggregate that concerns them,
 * in global order: each event as stored (type, revision, sequence, position, timestamp, payload, metadata), its
 * personal fields decrypted (or erased).
 */
@Component
class CustomerHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PersonalDataProtection personalData;

    CustomerHistory(JdbcClient jdbc, PersonalDataProtection personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** Events after {@code afterPosition} matching the filter, oldest first, at most {@code size}. */
    List<HistoricEvent> page(String customerId, HistoryFilter filter, long afterPosition, int size) {
        List<HistoricEvent> events = new ArrayList<>();
        query(customerId, filter, afterPosition, size, events::add);
        return events;
    }

    /** Every matching event, streamed one at a time (for NDJSON), never all in memory. */
    void each(String customerId, HistoryFilter filter, Consumer<HistoricEvent> consumer) {
        query(customerId, filter, -1, Integer.MAX_VALUE, consumer);
    }

    private void query(String customerId, HistoryFilter filter, long afterPosition, int size, Consumer<HistoricEvent> consumer) {
        StringBuilder sql = new StringBuilder("""
                SELECT global_index, event_identifier, type, aggregate_identifier, sequence_number, time_stamp, payload_type,
                       payload_revision, payload, meta_data
                FROM domain_event_entry WHERE customer_id = :customer AND global_index > :after""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("customer", customerId);
        params.put("after", afterPosition);
        if (filter.from() != null) {
            sql.append(" AND time_stamp::timestamptz >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND time_stamp::timestamptz < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        if (!filter.types().isEmpty()) {
            sql.append(" AND (payload_type = ANY(:types) OR substring(payload_type from '[^.]+$') = ANY(:types))");
            params.put("types", filter.types().toArray(String[]::new));
        }
        sql.append(" ORDER BY global_index LIMIT :size");
        params.put("size", size);
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            consumer.accept(map(rs));
        });
    }

    /** Personal fields decrypted, or erased once the customer's key is gone: auditors never see ciphertext. */
    private HistoricEvent map(ResultSet rs) throws SQLException {
        String payloadType = rs.getString("payload_type");
        JsonNode metadata = rs.getString("meta_data") == null ? JSON.createObjectNode() : JSON.readTree(rs.getString("meta_data"));
        return new HistoricEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), payloadType, rs.getString("payload_revision"),
                rs.getString("type"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                Instant.parse(rs.getString("time_stamp")), JSON.readTree(personalData.reveal(payloadType, rs.getString("payload"))), metadata,
                text(metadata, "actor"), text(metadata, "source"), text(metadata, "correlationId"), text(metadata, "causationId"),
                text(metadata, "idempotencyKey"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Time range (from inclusive, to exclusive) and event types (simple or full names); all optional. */
    record HistoryFilter(Instant from, Instant to, List<String> types) {
    }

    /** One stored event as an auditor sees it. */
    record HistoricEvent(long position, String eventId, String type, String payloadType, String revision, String aggregateType,
                         String aggregateId, long sequence, Instant timestamp, JsonNode payload, JsonNode metadata, String actor,
                         String source, String correlationId, String causationId, String idempotencyKey) {
    }
}
