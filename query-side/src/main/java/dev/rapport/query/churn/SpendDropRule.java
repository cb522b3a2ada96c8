package dev.rapport.query.churn;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * SPEND_DROP: net spend (sales less their refunds) of the last 90 days against the 90 days before, only when the
 * earlier period had spend: below 50% is watch, below 25% a warning. Amounts are compared as they are, whatever
 * their currency (a customer is assumed to buy in one).
 */
@Component
class SpendDropRule implements TimeBasedRule {

    private static final String QUERY = """
            WITH bounds AS (
                SELECT CAST(:now AS timestamptz) AS now, make_interval(secs => :periodSeconds) AS period
            ), spend AS (
                SELECT p.customer_id,
                       COALESCE(sum(p.amount - p.refunded) FILTER (WHERE p.occurred_at > b.now - b.period), 0) AS recent,
                       COALESCE(sum(p.amount - p.refunded) FILTER (WHERE p.occurred_at <= b.now - b.period), 0) AS previous
                FROM customer_purchase p CROSS JOIN bounds b
                WHERE p.occurred_at > b.now - 2 * b.period AND p.occurred_at <= b.now
                GROUP BY p.customer_id
            )
            SELECT customer_id,
                   CASE WHEN recent < :warningBelow * previous THEN 'WARNING'
                        WHEN recent < :watchBelow * previous THEN 'WATCH' END AS level,
                   'net spend ' || round(recent, 2) || ' in the last ' || :days || ' days against '
                       || round(previous, 2) || ' in the ' || :days || ' days before' AS detail
            FROM spend
            WHERE previous > 0""";

    private final ChurnProperties.SpendDrop spendDrop;

    SpendDropRule(ChurnProperties properties) {
        this.spendDrop = properties.spendDrop();
    }

    @Override
    public ChurnReason reason() {
        return ChurnReason.SPEND_DROP;
    }

    @Override
    public String query() {
        return QUERY;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of(
                "periodSeconds", (double) spendDrop.period().toSeconds(),
                "days", spendDrop.period().toDays(),
                "watchBelow", spendDrop.watchBelow(),
                "warningBelow", spendDrop.warningBelow());
    }
}
