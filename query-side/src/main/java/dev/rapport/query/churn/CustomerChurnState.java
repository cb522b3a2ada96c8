package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code churn_customer}: what the customer's, membership's and interactions' events tell the churn rules.
 * Customer and membership events are applied once each, by the aggregate's sequence number; a satisfaction
 * score only when it is the latest by the time the contact happened. Each method says whether anything was applied.
 */
class CustomerChurnState {

    /** True when no channel with a recorded decision is opted in, given the consents after the change. */
    private static final String NONE_OPTED_IN = "NOT jsonb_path_exists(%s, '$.* ? (@ == true)')";

    private final JdbcClient jdbc;

    CustomerChurnState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean consent(String customerId, long sequence, String channel, boolean optedIn, Instant at) {
        String consents = "consents || jsonb_build_object(CAST(:channel AS text), :optedIn)";
        return applyCustomerEvent(customerId, sequence, """
                        consents = %s,
                        unreachable_since = CASE WHEN %s THEN COALESCE(unreachable_since, :at) END"""
                        .formatted(consents, NONE_OPTED_IN.formatted(consents)),
                Map.of("channel", channel, "optedIn", optedIn, "at", Timestamp.from(at)));
    }

    boolean closed(String customerId, long sequence) {
        return applyCustomerEvent(customerId, sequence, "closed = TRUE", Map.of());
    }

    boolean reactivated(String customerId, long sequence, Instant at) {
        return applyCustomerEvent(customerId, sequence, "closed = FALSE, reactivated_at = :at", Map.of("at", Timestamp.from(at)));
    }

    /** A satisfaction score 1–5 given at a contact; ignored when a later contact's score is known. */
    boolean score(String customerId, int score, Instant at) {
        ensure(customerId);
        return jdbc.sql("""
                        UPDATE churn_customer SET last_score = :score, last_score_at = :at,
                            low_satisfaction_since = CASE WHEN :score <= 2 THEN COALESCE(low_satisfaction_since, :at) END
                        WHERE customer_id = :id AND (last_score_at IS NULL OR last_score_at <= :at)""")
                .param("score", score)
                .param("at", Timestamp.from(at))
                .param("id", customerId)
                .update() == 1;
    }

    boolean downgraded(String customerId, long sequence, String from, String to, Instant at) {
        return applyMembershipEvent(customerId, sequence, "downgraded_at = :at, downgraded_from = :from, downgraded_to = :to",
                Map.of("at", Timestamp.from(at), "from", from, "to", to));
    }

    /** Upgraded, retained or granted a tier: the last downgrade no longer stands. */
    boolean tierSettled(String customerId, long sequence) {
        return applyMembershipEvent(customerId, sequence, "downgraded_at = NULL, downgraded_from = NULL, downgraded_to = NULL", Map.of());
    }

    private boolean applyCustomerEvent(String customerId, long sequence, String assignments, Map<String, Object> params) {
        return applyVersioned(customerId, "customer_version", sequence, assignments, params);
    }

    private boolean applyMembershipEvent(String customerId, long sequence, String assignments, Map<String, Object> params) {
        return applyVersioned(customerId, "membership_version", sequence, assignments, params);
    }

    private boolean applyVersioned(String customerId, String versionColumn, long sequence, String assignments,
                                   Map<String, Object> params) {
        ensure(customerId);
        return jdbc.sql("UPDATE churn_customer SET " + assignments + ", " + versionColumn + " = :version "
                        + "WHERE customer_id = :id AND " + versionColumn + " < :version")
                .params(params)
                .param("id", customerId)
                .param("version", sequence)
                .update() == 1;
    }

    private void ensure(String customerId) {
        jdbc.sql("INSERT INTO churn_customer (customer_id) VALUES (?) ON CONFLICT DO NOTHING").param(customerId).update();
    }
}
