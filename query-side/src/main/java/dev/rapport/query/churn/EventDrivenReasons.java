package dev.rapport.query.churn;

import java.util.Map;

/**
 * Derives a customer's event-driven reasons from the state the projection keeps ({@code churn_customer},
 * {@code churn_complaint}) and makes {@code churn_reason} match: a pure function of that state, so applying
 * it twice changes nothing. A closed customer has no reasons at all, time-based ones included; after a
 * reactivation the reasons whose cause still holds return, raised at the reactivation.
 */
class EventDrivenReasons {

    /** The reasons that should hold for customer {@code :id}, as (reason, source, level, detail, raised_at). */
    private static final String DESIRED = """
            SELECT d.reason, d.source, d.level, d.detail, GREATEST(d.raised_at, c.reactivated_at) AS raised_at
            FROM (
                SELECT k.customer_id, 'COMPLAINT' AS reason, k.complaint_id AS source,
                       CASE WHEN k.open AND k.reopened_at IS NULL THEN 'WARNING' ELSE 'CRITICAL' END AS level,
                       CASE WHEN k.open AND k.reopened_at IS NOT NULL THEN 'complaint reopened: the customer rejected the resolution'
                            WHEN k.open THEN 'open complaint missed its ' || k.breached_deadline || ' deadline'
                            ELSE 'complaint closed with satisfaction ' || k.closed_satisfaction || ' of 5' END AS detail,
                       CASE WHEN k.open THEN COALESCE(k.reopened_at, k.breached_at) ELSE k.closed_at END AS raised_at
                FROM churn_complaint k
                WHERE k.customer_id = :id
                  AND (k.open AND (k.reopened_at IS NOT NULL OR k.breached_at IS NOT NULL)
                       OR NOT k.open AND k.closed_satisfaction <= 2 AND NOT k.recovered)
                UNION ALL
                SELECT customer_id, 'LOW_SATISFACTION', '', 'WARNING', 'latest satisfaction score ' || last_score || ' of 5',
                       low_satisfaction_since
                FROM churn_customer WHERE customer_id = :id AND low_satisfaction_since IS NOT NULL
                UNION ALL
                SELECT customer_id, 'TIER_DOWNGRADE', '', 'WATCH',
                       'downgraded from ' || downgraded_from || ' to ' || downgraded_to || ' at the last tier review', downgraded_at
                FROM churn_customer WHERE customer_id = :id AND downgraded_at IS NOT NULL
                UNION ALL
                SELECT customer_id, 'UNREACHABLE', '', 'WATCH',
                       'opted out on every channel with a recorded consent: '
                           || (SELECT string_agg(channel, ', ' ORDER BY channel) FROM jsonb_object_keys(consents) AS channel),
                       unreachable_since
                FROM churn_customer WHERE customer_id = :id AND unreachable_since IS NOT NULL
            ) d
            LEFT JOIN churn_customer c ON c.customer_id = d.customer_id
            WHERE c.closed IS NOT TRUE""";

    /**
     * Makes the customer's reasons the desired ones in one statement: the stale ones deleted, the desired ones inserted or
     * updated. Both parts read the state once ({@code desired}) and touch disjoint rows (a desired reason is never stale).
     * A desired reason already stored as it is stays untouched: ON CONFLICT would lock (write) its row even to change nothing,
     * and a replay re-derives the reasons after every event of the customer.
     */
    private static final String REFRESH = """
            WITH desired AS MATERIALIZED (%s),
            stale AS (
                DELETE FROM churn_reason r
                WHERE r.customer_id = :id
                  AND (r.reason IN ('COMPLAINT', 'LOW_SATISFACTION', 'TIER_DOWNGRADE', 'UNREACHABLE')
                       OR EXISTS (SELECT 1 FROM churn_customer c WHERE c.customer_id = :id AND c.closed))
                  AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.reason = r.reason AND d.source = r.source))
            INSERT INTO churn_reason AS r (customer_id, reason, source, level, detail, raised_at)
            SELECT :id, d.* FROM desired d
            WHERE NOT EXISTS (SELECT 1 FROM churn_reason s WHERE s.customer_id = :id AND s.reason = d.reason AND s.source = d.source
                                AND (s.level, s.detail, s.raised_at) IS NOT DISTINCT FROM (d.level, d.detail, d.raised_at))
            ON CONFLICT (customer_id, reason, source) DO UPDATE
                SET level = EXCLUDED.level, detail = EXCLUDED.detail, raised_at = EXCLUDED.raised_at
            WHERE (r.level, r.detail, r.raised_at) IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.detail, EXCLUDED.raised_at)"""
            .formatted(DESIRED);

    void refresh(ChurnStatements out, String customerId) {
        out.run(customerId, REFRESH, Map.of("id", customerId));
    }
}
