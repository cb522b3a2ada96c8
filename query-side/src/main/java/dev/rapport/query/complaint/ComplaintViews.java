package dev.rapport.query.complaint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.interaction.InteractionChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code complaint_view}: one complaint, or lists newest filing first, keyset-paged. */
@Repository
class ComplaintViews {

    private static final String COLUMNS = """
            complaint_id, customer_id, category, severity, channel, state, escalation_level, assignee, filed_at,
            acknowledge_due_by, acknowledged_at, acknowledged_by, resolve_due_by, resolved_at, resolved_by,
            resolution_confirmed_at, follow_up_due_by, followed_up_at, closed_at, satisfaction, acknowledge_breaches,
            resolve_breaches, follow_up_breaches, breaches, resolved_within_sla, recovered, reopen_count""";

    private final JdbcClient jdbc;

    ComplaintViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ComplaintView> find(String complaintId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM complaint_view WHERE complaint_id = ?")
                .param(complaintId)
                .query(ComplaintViews::map)
                .optional();
    }

    /** At most {@code limit} complaints matching the filter, filed before the cursor (all when it is null). */
    List<ComplaintView> page(ComplaintFilter filter, ComplaintCursor after, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        condition(conditions, params, "customer_id", filter.customerId());
        condition(conditions, params, "state", filter.state() == null ? null : filter.state().name());
        condition(conditions, params, "severity", filter.severity() == null ? null : filter.severity().name());
        condition(conditions, params, "category", filter.category() == null ? null : filter.category().name());
        if (after != null) {
            conditions.add("(filed_at, complaint_id) < (:afterFiledAt, :afterId)");
            params.put("afterFiledAt", Timestamp.from(after.filedAt()));
            params.put("afterId", after.complaintId());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql("SELECT " + COLUMNS + " FROM complaint_view" + where
                        + " ORDER BY filed_at DESC, complaint_id DESC LIMIT :limit")
                .params(params)
                .param("limit", limit)
                .query(ComplaintViews::map)
                .list();
    }

    private static void condition(List<String> conditions, Map<String, Object> params, String column, String value) {
        if (value != null) {
            conditions.add(column + " = :" + column);
            params.put(column, value);
        }
    }

    private static ComplaintView map(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        return new ComplaintView(
                rs.getString("complaint_id"),
                rs.getString("customer_id"),
                ComplaintCategory.valueOf(rs.getString("category")),
                Severity.valueOf(rs.getString("severity")),
                channel == null ? null : InteractionChannel.valueOf(channel),
                ComplaintState.valueOf(rs.getString("state")),
                rs.getInt("escalation_level"),
                rs.getString("assignee"),
                instant(rs, "filed_at"),
                instant(rs, "acknowledge_due_by"),
                instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                instant(rs, "resolve_due_by"),
                instant(rs, "resolved_at"),
                rs.getString("resolved_by"),
                instant(rs, "resolution_confirmed_at"),
                instant(rs, "follow_up_due_by"),
                instant(rs, "followed_up_at"),
                instant(rs, "closed_at"),
                rs.getObject("satisfaction", Integer.class),
                rs.getInt("breaches"),
                breachesByDeadline(rs),
                rs.getObject("resolved_within_sla", Boolean.class),
                rs.getBoolean("recovered"),
                rs.getInt("reopen_count"));
    }

    private static Map<SlaDeadline, Integer> breachesByDeadline(ResultSet rs) throws SQLException {
        Map<SlaDeadline, Integer> breaches = new EnumMap<>(SlaDeadline.class);
        put(breaches, SlaDeadline.ACKNOWLEDGE, rs.getInt("acknowledge_breaches"));
        put(breaches, SlaDeadline.RESOLVE, rs.getInt("resolve_breaches"));
        put(breaches, SlaDeadline.FOLLOW_UP, rs.getInt("follow_up_breaches"));
        return breaches;
    }

    private static void put(Map<SlaDeadline, Integer> breaches, SlaDeadline deadline, int count) {
        if (count > 0) {
            breaches.put(deadline, count);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
