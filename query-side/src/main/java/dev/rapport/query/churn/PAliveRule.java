package dev.rapport.query.churn;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * LOW_P_ALIVE: the BG/NBD model gives the customer a low probability of still being a customer, for their own
 * rhythm: below {@code rapport.churn.p-alive.warning} (0.5) a warning, below {@code .critical} (0.2) critical. Only
 * for customers with at least one repeat purchase (a single buyer's P(alive) is 1 by the model's assumptions). Reads
 * the scores {@link ChurnModelScoring} wrote in the same evaluation; P(alive) is shown to two decimals, so the detail
 * changes only when that does.
 */
@Component
class PAliveRule implements TimeBasedRule {

    private static final String QUERY = """
            SELECT customer_id,
                   CASE WHEN repeat_purchases < :minRepeatPurchases THEN NULL
                        WHEN p_alive < :critical THEN 'CRITICAL'
                        WHEN p_alive < :warning THEN 'WARNING' END AS level,
                   'P(alive) ' || to_char(p_alive, 'FM0.00') || ' under churn model v' || model_version || ', '
                       || repeat_purchases || ' repeat purchase(s)' AS detail
            FROM churn_model_score""";

    private final ChurnProperties.PAlive thresholds;

    PAliveRule(ChurnProperties properties) {
        this.thresholds = properties.pAlive();
    }

    @Override
    public ChurnReason reason() {
        return ChurnReason.LOW_P_ALIVE;
    }

    @Override
    public String query() {
        return QUERY;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("minRepeatPurchases", thresholds.minRepeatPurchases(), "warning", thresholds.warning(),
                "critical", thresholds.critical());
    }
}
