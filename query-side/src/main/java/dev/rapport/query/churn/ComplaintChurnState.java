package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code churn_complaint}: each complaint's open state, SLA breach, reopening and closing score. A complaint's
 * events are applied once each, by the complaint's sequence number, guarded in the statement (they may be batched).
 */
class ComplaintChurnState {

    /** The complaint's event, applied unless it was before; {@code %s} are its assignments. */
    private static final String APPLY = "UPDATE churn_complaint SET %s, version = :version "
            + "WHERE complaint_id = :complaintId AND version < :version";

    /** Complaints of the customer closed badly at or before :at stop counting. */
    private static final String RECOVER = """
            UPDATE churn_complaint SET recovered = TRUE
            WHERE customer_id = :id AND NOT open AND closed_satisfaction <= 2 AND closed_at <= :at AND NOT recovered""";

    void filed(ChurnStatements out, String complaintId, String customerId, long sequence) {
        apply(out, complaintId, customerId, sequence, "open = TRUE", Map.of());
    }

    /** The first breach is kept as the time the risk started, the deadline missed last for the detail. */
    void slaBreached(ChurnStatements out, String complaintId, String customerId, long sequence, String deadline, Instant detectedAt) {
        apply(out, complaintId, customerId, sequence, "breached_at = COALESCE(breached_at, :at), breached_deadline = :deadline",
                Map.of("at", Timestamp.from(detectedAt), "deadline", deadline));
    }

    void reopened(ChurnStatements out, String complaintId, String customerId, long sequence, Instant at) {
        apply(out, complaintId, customerId, sequence, "open = TRUE, reopened_at = :at", Map.of("at", Timestamp.from(at)));
    }

    /**
     * Closes the complaint; closed with a score of {@code recoveredScore} or more, it also recovers the complaints
     * closed badly before it, in the same statement and only when the closing is applied now (not on a redelivery).
     * The recovery's rows are the customer's other complaints: the one being closed is open in the statement's snapshot.
     */
    void closed(ChurnStatements out, String complaintId, String customerId, long sequence, int satisfaction, Instant at,
                int recoveredScore) {
        ensure(out, complaintId, customerId);
        Map<String, Object> params = Map.of("at", Timestamp.from(at), "satisfaction", satisfaction, "complaintId", complaintId,
                "version", sequence, "id", customerId);
        String close = APPLY.formatted("open = FALSE, closed_at = :at, closed_satisfaction = :satisfaction");
        if (satisfaction >= recoveredScore) {
            out.run(customerId, "WITH closing AS (" + close + " RETURNING complaint_id) " + RECOVER
                    + " AND EXISTS (SELECT 1 FROM closing)", params);
        } else {
            out.run(customerId, close, params);
        }
    }

    /** The customer was satisfied at {@code at}: complaints closed badly before then stop counting. */
    void recovered(ChurnStatements out, String customerId, Instant at) {
        out.run(customerId, RECOVER, Map.of("id", customerId, "at", Timestamp.from(at)));
    }

    private void apply(ChurnStatements out, String complaintId, String customerId, long sequence, String assignments,
                       Map<String, Object> params) {
        ensure(out, complaintId, customerId);
        Map<String, Object> all = new HashMap<>(params);
        all.put("complaintId", complaintId);
        all.put("version", sequence);
        out.run(customerId, APPLY.formatted(assignments), all);
    }

    private void ensure(ChurnStatements out, String complaintId, String customerId) {
        out.run(customerId, "INSERT INTO churn_complaint (complaint_id, customer_id) VALUES (:complaintId, :id) ON CONFLICT DO NOTHING",
                Map.of("complaintId", complaintId, "id", customerId));
    }
}
