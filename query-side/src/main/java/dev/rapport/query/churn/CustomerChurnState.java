package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code churn_customer}: what the customer's, membership's and interactions' events tell the churn rules.
 * Customer and membership events are applied once each, by the aggregate's sequence number; a satisfaction
 * score only when it is the latest by the time the contact happened. The guards are in the statements, so no
 * caller needs an update count (the statements may be batched).
 */
class CustomerChurnState {

    /** True when no channel with a recorded decision is opted in, given the consents after the change. */
    private static final String NONE_OPTED_IN = "NOT jsonb_path_exists(%s, '$.* ? (@ == true)')";

    private static final String ENSURE = "INSERT INTO churn_customer (customer_id) VALUES (:id) ON CONFLICT DO NOTHING";

    void consent(ChurnStatements out, String customerId, long sequence, String channel, boolean optedIn, Instant at) {
        String consents = "consents || jsonb_build_object(CAST(:channel AS text), :optedIn)";
        applyCustomerEvent(out, customerId, sequence, """
                        consents = %s,
                        unreachable_since = CASE WHEN %s THEN COALESCE(unreachable_since, :at) END"""
                        .formatted(consents, NONE_OPTED_IN.formatted(consents)),
                Map.of("channel", channel, "optedIn", optedIn, "at", Timestamp.from(at)));
    }

    void closed(ChurnStatements out, String customerId, long sequence) {
        applyCustomerEvent(out, customerId, sequence, "closed = TRUE", Map.of());
    }

    void reactivated(ChurnStatements out, String customerId, long sequence, Instant at) {
        applyCustomerEvent(out, customerId, sequence, "closed = FALSE, reactivated_at = :at", Map.of("at", Timestamp.from(at)));
    }

    /** A satisfaction score 1–5 given at a contact; ignored when a later contact's score is known. */
    void score(ChurnStatements out, String customerId, int score, Instant at) {
        out.run(customerId, ENSURE, Map.of("id", customerId));
        out.run(customerId, """
                        UPDATE churn_customer SET last_score = :score, last_score_at = :at,
                            low_satisfaction_since = CASE WHEN :score <= 2 THEN COALESCE(low_satisfaction_since, :at) END
                        WHERE customer_id = :id AND (last_score_at IS NULL OR last_score_at <= :at)""",
                Map.of("score", score, "at", Timestamp.from(at), "id", customerId));
    }

    void downgraded(ChurnStatements out, String customerId, long sequence, String from, String to, Instant at) {
        applyMembershipEvent(out, customerId, sequence, "downgraded_at = :at, downgraded_from = :from, downgraded_to = :to",
                Map.of("at", Timestamp.from(at), "from", from, "to", to));
    }

    /** Upgraded, retained or granted a tier: the last downgrade no longer stands. */
    void tierSettled(ChurnStatements out, String customerId, long sequence) {
        applyMembershipEvent(out, customerId, sequence, "downgraded_at = NULL, downgraded_from = NULL, downgraded_to = NULL", Map.of());
    }

    private void applyCustomerEvent(ChurnStatements out, String customerId, long sequence, String assignments, Map<String, Object> params) {
        applyVersioned(out, customerId, "customer_version", sequence, assignments, params);
    }

    private void applyMembershipEvent(ChurnStatements out, String customerId, long sequence, String assignments,
                                      Map<String, Object> params) {
        applyVersioned(out, customerId, "membership_version", sequence, assignments, params);
    }

    private void applyVersioned(ChurnStatements out, String customerId, String versionColumn, long sequence, String assignments,
                                Map<String, Object> params) {
        out.run(customerId, ENSURE, Map.of("id", customerId));
        Map<String, Object> all = new HashMap<>(params);
        all.put("id", customerId);
        all.put("version", sequence);
        out.run(customerId, "UPDATE churn_customer SET " + assignments + ", " + versionColumn + " = :version "
                + "WHERE customer_id = :id AND " + versionColumn + " < :version", all);
    }
}
