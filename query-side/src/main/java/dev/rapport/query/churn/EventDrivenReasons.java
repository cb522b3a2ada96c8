package dev.rapport.query.churn;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Derives a customer's event-driven reasons from the state the projection keeps ({@code churn_customer},
 * {@code churn_complaint}) and makes {@code churn_reason} match: a pure function of that state, so applying
 * it twice changes nothing. A closed customer has no reasons at all, time-based ones included; after a
 * reactivation the reasons whose cause still holds return, raised at the reactivation.
 * <p>
 * Each kind of reason is derived from its own part of the state, so an event that changed one part re-derives only
 * that kind ({@link #refresh(ChurnStatements, String, Set)}): in a replay a satisfaction score, the commonest event,
 * then costs one lookup of the customer's row instead of the whole derivation. Closing and reactivating change every
 * kind and re-derive them all ({@link #refreshAll}).
 */
class EventDrivenReasons {

    /** The event-driven kinds of reason, each as its desired rows (reason, source, level, detail, raised_at) for {@code :id}. */
    enum Kind {
        COMPLAINT("""
                SELECT 'COMPLAINT' AS reason, k.complaint_id AS source,
                       CASE WHEN k.open AND k.reopened_at IS NULL THEN 'WARNING' ELSE 'CRITICAL' END AS level,
                       CASE WHEN k.open AND k.reopened_at IS NOT NULL THEN 'complaint reopened: the customer rejected the resolution'
                            WHEN k.open THEN 'open complaint missed its ' || k.breached_deadline || ' deadline'
                            ELSE 'complaint closed with satisfaction ' || k.closed_satisfaction || ' of 5' END AS detail,
                       GREATEST(CASE WHEN k.open THEN COALESCE(k.reopened_at, k.breached_at) ELSE k.closed_at END,
                                c.reactivated_at) AS raised_at
                FROM churn_complaint k LEFT JOIN churn_customer c ON c.customer_id = k.customer_id
                WHERE k.customer_id = :id AND c.closed IS NOT TRUE
                  AND (k.open AND (k.reopened_at IS NOT NULL OR k.breached_at IS NOT NULL)
                       OR NOT k.open AND k.closed_satisfaction <= 2 AND NOT k.recovered)"""),
        LOW_SATISFACTION("""
                SELECT 'LOW_SATISFACTION' AS reason, '' AS source, 'WARNING' AS level,
                       'latest satisfaction score ' || last_score || ' of 5' AS detail,
                       GREATEST(low_satisfaction_since, reactivated_at) AS raised_at
                FROM churn_customer WHERE customer_id = :id AND NOT closed AND low_satisfaction_since IS NOT NULL"""),
        TIER_DOWNGRADE("""
                SELECT 'TIER_DOWNGRADE' AS reason, '' AS source, 'WATCH' AS level,
                       'downgraded from ' || downgraded_from || ' to ' || downgraded_to || ' at the last tier review' AS detail,
                       GREATEST(downgraded_at, reactivated_at) AS raised_at
                FROM churn_customer WHERE customer_id = :id AND NOT closed AND downgraded_at IS NOT NULL"""),
        UNREACHABLE("""
                SELECT 'UNREACHABLE' AS reason, '' AS source, 'WATCH' AS level,
                       'opted out on every channel with a recorded consent: '
                           || (SELECT string_agg(channel, ', ' ORDER BY channel) FROM jsonb_object_keys(consents) AS channel) AS detail,
                       GREATEST(unreachable_since, reactivated_at) AS raised_at
                FROM churn_customer WHERE customer_id = :id AND NOT closed AND unreachable_since IS NOT NULL""");

        private final String desired;

        Kind(String desired) {
            this.desired = desired;
        }
    }

    /**
     * Makes the customer's reasons of some kinds the desired ones in one statement: the stale ones deleted, the desired
     * ones inserted or updated. Both parts read the state once ({@code desired}) and touch disjoint rows (a desired reason
     * is never stale). A desired reason already stored as it is stays untouched: ON CONFLICT would lock (write) its row
     * even to change nothing, and a replay re-derives the reasons after every event of the customer. {@code %1$s}: the
     * desired rows; {@code %2$s}: which stored reasons may be stale.
     */
    private static final String REFRESH = """
            WITH desired AS MATERIALIZED (%1$s),
            stale AS (
                DELETE FROM churn_reason r
                WHERE r.customer_id = :id AND (%2$s)
                  AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.reason = r.reason AND d.source = r.source))
            INSERT INTO churn_reason AS r (customer_id, reason, source, level, detail, raised_at)
            SELECT :id, d.* FROM desired d
            WHERE NOT EXISTS (SELECT 1 FROM churn_reason s WHERE s.customer_id = :id AND s.reason = d.reason AND s.source = d.source
                                AND (s.level, s.detail, s.raised_at) IS NOT DISTINCT FROM (d.level, d.detail, d.raised_at))
            ON CONFLICT (customer_id, reason, source) DO UPDATE
                SET level = EXCLUDED.level, detail = EXCLUDED.detail, raised_at = EXCLUDED.raised_at
            WHERE (r.level, r.detail, r.raised_at) IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.detail, EXCLUDED.raised_at)""";

    /** Every kind, and every other reason too (the time-based ones) when the customer is closed. */
    private static final String REFRESH_ALL = statement(EnumSet.allOf(Kind.class),
            " OR EXISTS (SELECT 1 FROM churn_customer c WHERE c.customer_id = :id AND c.closed)");

    private final Map<Set<Kind>, String> statements = new ConcurrentHashMap<>();

    /** Re-derives every kind of the customer's reasons: after a change of the customer's open or closed state. */
    void refreshAll(ChurnStatements out, String customerId) {
        out.run(customerId, REFRESH_ALL, Map.of("id", customerId));
    }

    /**
     * Re-derives the customer's reasons of these kinds: those whose part of the state the event changed. An event that
     * changes every kind changes the customer's open or closed state, which the time-based reasons follow too.
     */
    void refresh(ChurnStatements out, String customerId, Set<Kind> kinds) {
        if (kinds.size() == Kind.values().length) {
            refreshAll(out, customerId);
        } else {
            out.run(customerId, statements.computeIfAbsent(Set.copyOf(kinds), k -> statement(k, "")), Map.of("id", customerId));
        }
    }

    private static String statement(Set<Kind> kinds, String alsoStale) {
        Set<Kind> ordered = EnumSet.copyOf(kinds);
        String desired = ordered.stream().map(kind -> kind.desired).collect(Collectors.joining("\nUNION ALL\n"));
        String stale = "r.reason IN (" + ordered.stream().map(kind -> "'" + kind.name() + "'").collect(Collectors.joining(", "))
                + ")" + alsoStale;
        return REFRESH.formatted(desired, stale);
    }
}
