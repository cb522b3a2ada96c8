package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rapport.query.rebuild.RebuildableProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a blue/green rebuild of churn-alerts needs besides replaying the log. The log gives the event-driven
 * reasons; the time-based ones come from the scheduled evaluation, so at the swap they are carried over from the
 * replaced tables (with the time they were first raised), and the alerts of those customers re-derived. Then
 * {@code customer_view.churn_level} is set from the new alerts: during the replay the projection's writes to it
 * went to an empty stand-in.
 */
@Component
class ChurnRebuildSteps implements RebuildableProjection.SwapSteps {

    private static final String[] TIME_BASED = Arrays.stream(ChurnReason.values()).filter(ChurnReason::timeBased)
            .map(ChurnReason::name).toArray(String[]::new);

    private final JdbcClient jdbc;
    private final ChurnAlerts alerts;

    ChurnRebuildSteps(JdbcClient jdbc, ChurnAlerts alerts) {
        this.jdbc = jdbc;
        this.alerts = alerts;
    }

    /** The evaluation takes this lock before it touches the tables; the swap must too, or the two could deadlock. */
    @Override
    public void beforeLock() {
        ChurnLocks.writeExclusively(jdbc);
    }

    @Override
    public void afterSwap(String retiredSchema) {
        List<CarriedReason> carried = jdbc.sql("""
                        WITH carried AS (
                            INSERT INTO churn_reason (customer_id, reason, source, level, detail, raised_at)
                            SELECT r.customer_id, r.reason, r.source, r.level, r.detail, r.raised_at
                            FROM %1$s.churn_reason r
                            WHERE r.reason = ANY(:timeBased)
                              AND NOT EXISTS (SELECT 1 FROM churn_customer c WHERE c.customer_id = r.customer_id AND c.closed)
                            ON CONFLICT DO NOTHING
                            RETURNING customer_id
                        )
                        SELECT DISTINCT c.customer_id, a.updated_at FROM carried c JOIN %1$s.churn_alert a USING (customer_id)"""
                        .formatted(retiredSchema))
                .param("timeBased", TIME_BASED)
                .query((rs, row) -> new CarriedReason(rs.getString("customer_id"), rs.getTimestamp("updated_at")))
                .list();
        // the alert keeps the time of its last change as the replaced table knew it
        Map<Timestamp, List<String>> byUpdate = carried.stream().collect(Collectors.groupingBy(CarriedReason::alertUpdatedAt,
                Collectors.mapping(CarriedReason::customerId, Collectors.toList())));
        byUpdate.forEach((updatedAt, customers) -> alerts.refresh(customers, updatedAt.toInstant(), false));
        jdbc.sql("""
                        UPDATE churn_alert n SET updated_at = r.updated_at FROM %s.churn_alert r
                        WHERE n.customer_id = r.customer_id AND n.signature = r.signature AND n.raised_at = r.raised_at
                          AND n.updated_at <> r.updated_at""".formatted(retiredSchema))
                .update();
        alerts.alignCustomerView();
    }

    private record CarriedReason(String customerId, Timestamp alertUpdatedAt) {
    }
}
