package dev.rapport.query.churn;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code churn_alert} and {@code churn_reason}. */
@Repository
class ChurnAlertViews {

    private static final String SELECT = "SELECT a.*, s.p_alive FROM churn_alert a LEFT JOIN churn_model_score s USING (customer_id)";

    private final JdbcClient jdbc;

    ChurnAlertViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ChurnAlert> find(String customerId) {
        return jdbc.sql(SELECT + " WHERE a.customer_id = ?").param(customerId)
                .query((rs, row) -> alert(rs))
                .optional()
                .map(alert -> withReasons(alert, reasonsOf(List.of(customerId))));
    }

    /** Alerts of at least {@code minLevel}, highest level first, then the longest-standing, after the cursor. */
    List<ChurnAlert> list(ChurnLevel minLevel, AlertCursor after, int size) {
        String keyset = after == null ? ""
                : " AND (level_rank < :rank OR (level_rank = :rank AND (raised_at, customer_id) > (:raisedAt, :customerId)))";
        var statement = jdbc.sql(SELECT + " WHERE level_rank >= :minRank" + keyset
                        + " ORDER BY level_rank DESC, raised_at, customer_id LIMIT :size")
                .param("minRank", minLevel.rank())
                .param("size", size);
        if (after != null) {
            statement = statement.param("rank", after.levelRank())
                    .param("raisedAt", Timestamp.from(after.raisedAt()))
                    .param("customerId", after.customerId());
        }
        List<ChurnAlert> alerts = statement.query((rs, row) -> alert(rs)).list();
        Map<String, List<ChurnAlert.Reason>> reasons = reasonsOf(alerts.stream().map(ChurnAlert::customerId).toList());
        return alerts.stream().map(alert -> withReasons(alert, reasons)).toList();
    }

    /** Alerts of at least {@code minLevel}, the lowest P(alive) first (unscored last), then by customer id, after the cursor. */
    List<ChurnAlert> listByPAlive(ChurnLevel minLevel, PAliveCursor after, int size) {
        String keyset = after == null ? ""
                : after.pAlive() == null ? " AND s.p_alive IS NULL AND a.customer_id > :customerId"
                : " AND (s.p_alive > :pAlive OR (s.p_alive = :pAlive AND a.customer_id > :customerId) OR s.p_alive IS NULL)";
        var statement = jdbc.sql(SELECT + " WHERE a.level_rank >= :minRank" + keyset
                        + " ORDER BY s.p_alive ASC NULLS LAST, a.customer_id LIMIT :size")
                .param("minRank", minLevel.rank())
                .param("size", size);
        if (after != null) {
            statement = statement.param("customerId", after.customerId());
            if (after.pAlive() != null) {
                statement = statement.param("pAlive", after.pAlive());
            }
        }
        List<ChurnAlert> alerts = statement.query((rs, row) -> alert(rs)).list();
        Map<String, List<ChurnAlert.Reason>> reasons = reasonsOf(alerts.stream().map(ChurnAlert::customerId).toList());
        return alerts.stream().map(alert -> withReasons(alert, reasons)).toList();
    }

    /** The reasons of these customers, each customer's highest level first. */
    Map<String, List<ChurnAlert.Reason>> reasonsOf(Collection<String> customerIds) {
        Map<String, List<ChurnAlert.Reason>> reasons = new HashMap<>();
        if (customerIds.isEmpty()) {
            return reasons;
        }
        jdbc.sql("""
                        SELECT * FROM churn_reason WHERE customer_id = ANY(:ids)
                        ORDER BY customer_id, level_rank DESC, raised_at, reason, source""")
                .param("ids", new SqlParameterValue(Types.ARRAY, customerIds.toArray(String[]::new)))
                .query(rs -> {
                    ChurnReason reason = ChurnReason.valueOf(rs.getString("reason"));
                    String source = rs.getString("source");
                    reasons.computeIfAbsent(rs.getString("customer_id"), id -> new ArrayList<>())
                            .add(new ChurnAlert.Reason(reason, ChurnLevel.valueOf(rs.getString("level")), rs.getString("detail"),
                                    source.isEmpty() ? null : source, instant(rs, "raised_at"), reason.suggestedAction()));
                });
        return reasons;
    }

    private static ChurnAlert alert(ResultSet rs) throws SQLException {
        return new ChurnAlert(rs.getString("customer_id"), ChurnLevel.valueOf(rs.getString("level")), instant(rs, "raised_at"),
                instant(rs, "updated_at"), List.of(), (Double) rs.getObject("p_alive"));
    }

    private static ChurnAlert withReasons(ChurnAlert alert, Map<String, List<ChurnAlert.Reason>> reasons) {
        return new ChurnAlert(alert.customerId(), alert.level(), alert.raisedAt(), alert.updatedAt(),
                reasons.getOrDefault(alert.customerId(), List.of()), alert.pAlive());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
