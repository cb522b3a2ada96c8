package dev.rapport.query.churn;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * OVERDUE: no purchase for longer than the customer's own rhythm allows. With two purchases or more, the days
 * since the last one against the median interval between purchases: more than 2 × is a warning, more than 4 ×
 * critical. With one purchase: more than 180 days is watch, 365 a warning. Fully refunded sales are no purchases;
 * a sale worth 0.00 (nothing to refund) is one.
 */
@Component
class OverdueRule implements TimeBasedRule {

    private static final String QUERY = """
            WITH intervals AS (
                SELECT customer_id, occurred_at,
                       EXTRACT(EPOCH FROM occurred_at - lag(occurred_at) OVER (PARTITION BY customer_id ORDER BY occurred_at))::float8
                           AS gap_seconds
                FROM customer_purchase
                WHERE (refunded < amount OR refunded = 0) AND occurred_at <= CAST(:now AS timestamptz)
            ), buyers AS (
                SELECT customer_id, count(*) AS purchases, max(occurred_at) AS last_purchase,
                       GREATEST(percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_seconds), :minimumIntervalSeconds) AS usual_gap_seconds,
                       EXTRACT(EPOCH FROM CAST(:now AS timestamptz) - max(occurred_at))::float8 AS idle_seconds
                FROM intervals
                GROUP BY customer_id
            )
            SELECT customer_id,
                   CASE WHEN purchases = 1 THEN
                            CASE WHEN idle_seconds > :singleWarningSeconds THEN 'WARNING'
                                 WHEN idle_seconds > :singleWatchSeconds THEN 'WATCH' END
                        ELSE
                            CASE WHEN idle_seconds > :criticalFactor * usual_gap_seconds THEN 'CRITICAL'
                                 WHEN idle_seconds > :warningFactor * usual_gap_seconds THEN 'WARNING' END
                   END AS level,
                   CASE WHEN purchases = 1 THEN 'one purchase only, on ' || to_char(last_purchase AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                        ELSE 'no purchase since ' || to_char(last_purchase AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '; usually one every '
                             || round(CAST(usual_gap_seconds / 86400 AS numeric), 1) || ' days'
                   END AS detail
            FROM buyers""";

    private final ChurnProperties.Overdue overdue;

    OverdueRule(ChurnProperties properties) {
        this.overdue = properties.overdue();
    }

    @Override
    public ChurnReason reason() {
        return ChurnReason.OVERDUE;
    }

    @Override
    public String query() {
        return QUERY;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of(
                "minimumIntervalSeconds", (double) overdue.minimumInterval().toSeconds(),
                "singleWatchSeconds", (double) overdue.singlePurchaseWatch().toSeconds(),
                "singleWarningSeconds", (double) overdue.singlePurchaseWarning().toSeconds(),
                "warningFactor", overdue.warningFactor(),
                "criticalFactor", overdue.criticalFactor());
    }
}
