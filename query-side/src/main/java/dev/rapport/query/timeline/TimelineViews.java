package dev.rapport.query.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code customer_timeline}: newest first, keyset-paged on the log position. */
@Repository
class TimelineViews {

    private final JdbcClient jdbc;

    TimelineViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param before only entries with a lower position, null for the newest
     * @param types  only these event types, empty for all
     * @param limit  at most this many entries
     */
    List<TimelineEntry> page(String customerId, Long before, Set<String> types, int limit) {
        String typeFilter = types.isEmpty() ? "" : " AND event_type IN (:types)";
        var query = jdbc.sql("SELECT position, occurred_at, recorded_at, event_type, summary, actor, source, channel,"
                        + " aggregate_id, event_id FROM customer_timeline"
                        + " WHERE customer_id = :customer AND position < :before" + typeFilter
                        + " ORDER BY position DESC LIMIT :limit")
                .param("customer", customerId)
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", limit);
        if (!types.isEmpty()) {
            query = query.param("types", types);
        }
        return query.query(TimelineViews::map).list();
    }

    private static TimelineEntry map(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(
                rs.getLong("position"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("event_type"),
                rs.getString("summary"),
                rs.getString("actor"),
                rs.getString("source"),
                rs.getString("channel"),
                rs.getString("aggregate_id"),
                rs.getString("event_id"));
    }
}
