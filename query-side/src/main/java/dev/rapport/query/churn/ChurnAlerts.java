package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps {@code churn_alert} in step with {@code churn_reason}: one alert per customer with reasons, at the
 * highest of their levels. Each change of an alert is pushed to the stream once the transaction commits. The level on
 * {@code customer_view.churn_level} is the callers' to copy: the projection after its commit ({@link ChurnLevelFollower}),
 * the evaluation and the rebuild's swap for every customer at once ({@link #alignCustomerView}).
 */
@Repository
class ChurnAlerts {

    private final JdbcClient jdbc;
    private final ChurnAlertViews views;
    private final ChurnAlertStream stream;

    ChurnAlerts(JdbcClient jdbc, ChurnAlertViews views, ChurnAlertStream stream) {
        this.jdbc = jdbc;
        this.views = views;
        this.stream = stream;
    }

    /**
     * Re-derives these customers' alerts from their reasons.
     *
     * @param at the business time of the change, kept as the alert's updated time
     * @return the alerts that changed
     */
    List<ChurnAlertChange> refresh(Collection<String> customerIds, Instant at) {
        return refresh(customerIds, at, true);
    }

    /**
     * Re-derives these customers' alerts from their reasons.
     *
     * @param at      the business time of the change, kept as the alert's updated time
     * @param publish whether subscribers of the stream hear of the changes
     * @return the alerts that changed
     */
    List<ChurnAlertChange> refresh(Collection<String> customerIds, Instant at, boolean publish) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        SqlParameterValue ids = new SqlParameterValue(Types.ARRAY, customerIds.toArray(String[]::new));
        List<Changed> changed = jdbc.sql(derivedAlerts("= ANY(:ids)") + """
                        , cleared AS (
                            DELETE FROM churn_alert a
                            WHERE a.customer_id = ANY(:ids) AND NOT EXISTS (SELECT 1 FROM present p WHERE p.customer_id = a.customer_id)
                            RETURNING a.customer_id
                        )
                        SELECT customer_id, level FROM upserted
                        UNION ALL SELECT customer_id, NULL FROM cleared""")
                .param("ids", ids)
                .param("at", Timestamp.from(at))
                .query((rs, row) -> new Changed(rs.getString("customer_id"), rs.getString("level")))
                .list();
        if (changed.isEmpty()) {
            return List.of();
        }
        if (!publish) {
            return changed.stream().map(c -> new ChurnAlertChange(c.customerId(),
                    c.level() == null ? null : ChurnLevel.valueOf(c.level()), List.of(), at)).toList();
        }
        List<ChurnAlertChange> changes = changes(changed, at);
        stream.publishAfterCommit(changes);
        return changes;
    }

    /**
     * Re-derives the customer's alert from their reasons, as {@link #refresh} does, in statements that answer nothing:
     * for a replay, whose writes may be batched and whose alert changes are not news.
     */
    void refreshQuietly(ChurnStatements out, String customerId, Instant at) {
        Map<String, Object> params = Map.of("id", customerId, "at", Timestamp.from(at));
        out.run(customerId, derivedAlerts("= :id") + """
                        DELETE FROM churn_alert a WHERE a.customer_id = :id AND NOT EXISTS (SELECT 1 FROM present)""", params);
        out.run(customerId, ChurnLevelFollower.COPY_LEVEL, params);
    }

    /**
     * Puts every customer's current alert level on {@code customer_view}, for rows the customer-view projection
     * created (or rebuilt) after the alert changed: the two projections run independently.
     */
    int alignCustomerView() {
        return jdbc.sql("""
                        UPDATE customer_view v SET churn_level = a.level
                        FROM customer_view c LEFT JOIN churn_alert a ON a.customer_id = c.customer_id
                        WHERE v.customer_id = c.customer_id AND v.churn_level IS DISTINCT FROM a.level""")
                .update();
    }

    /**
     * The statement's start that upserts the alert of each customer matched by {@code customers} (a condition on
     * {@code customer_id}) from their reasons; CTEs {@code present} (the derived alerts) and {@code upserted} (those
     * that changed, with RETURNING customer_id, level) for the rest of the statement to use.
     */
    private static String derivedAlerts(String customers) {
        return """
                WITH present AS (
                    SELECT customer_id, max(level_rank) AS level_rank, min(raised_at) AS raised_at,
                           string_agg(reason || ':' || source || ':' || level, ',' ORDER BY reason, source) AS signature
                    FROM churn_reason WHERE customer_id %s GROUP BY customer_id
                ), upserted AS (
                    INSERT INTO churn_alert AS a (customer_id, level, level_rank, raised_at, updated_at, signature)
                    SELECT customer_id, CASE level_rank WHEN 1 THEN 'WATCH' WHEN 2 THEN 'WARNING' ELSE 'CRITICAL' END,
                           level_rank, raised_at, :at, signature
                    FROM present
                    ON CONFLICT (customer_id) DO UPDATE SET level = EXCLUDED.level, level_rank = EXCLUDED.level_rank,
                        raised_at = EXCLUDED.raised_at, signature = EXCLUDED.signature,
                        updated_at = GREATEST(a.updated_at, EXCLUDED.updated_at)
                    WHERE a.signature <> EXCLUDED.signature OR a.raised_at <> EXCLUDED.raised_at
                    RETURNING a.customer_id, a.level
                )
                """.formatted(customers);
    }

    private List<ChurnAlertChange> changes(List<Changed> changed, Instant at) {
        Map<String, List<ChurnAlert.Reason>> reasons = views.reasonsOf(changed.stream().map(Changed::customerId).toList());
        return changed.stream()
                .map(c -> new ChurnAlertChange(c.customerId(), c.level() == null ? null : ChurnLevel.valueOf(c.level()),
                        reasons.getOrDefault(c.customerId(), List.of()), at))
                .toList();
    }

    private record Changed(String customerId, String level) {
    }
}
