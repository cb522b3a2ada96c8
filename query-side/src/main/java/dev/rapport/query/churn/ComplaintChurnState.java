package dev.rapport.query.churn;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code churn_complaint}: each complaint's open state, SLA breach, reopening and closing score. A complaint's
 * events are applied once each, by the complaint's sequence number; each method says whether it was applied.
 */
class ComplaintChurnState {

    private final JdbcClient jdbc;

    ComplaintChurnState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean filed(String complaintId, String customerId, long sequence) {
        return apply(complaintId, customerId, sequence, "open = TRUE", Map.of());
    }

    /** The first breach is kept as the time the risk started, the deadline missed last for the detail. */
    boolean slaBreached(String complaintId, String customerId, long sequence, String deadline, Instant detectedAt) {
        return apply(complaintId, customerId, sequence, "breached_at = COALESCE(breached_at, :at), breached_deadline = :deadline",
                Map.of("at", Timestamp.from(detectedAt), "deadline", deadline));
    }

    boolean reopened(String complaintId, String customerId, long sequence, Instant at) {
        return apply(complaintId, customerId, sequence, "open = TRUE, reopened_at = :at", Map.of("at", Timestamp.from(at)));
    }

    boolean closed(String complaintId, String customerId, long sequence, int satisfaction, Instant at) {
        return apply(complaintId, customerId, sequence, "open = FALSE, closed_at = :at, closed_satisfaction = :satisfaction",
                Map.of("at", Timestamp.from(at), "satisfaction", satisfaction));
    }

    /** The customer was satisfied at {@code at}: complaints closed badly before then stop counting. */
    void recovered(String customerId, Instant at) {
        jdbc.sql("""
                        UPDATE churn_complaint SET recovered = TRUE
                        WHERE customer_id = :id AND NOT open AND closed_satisfaction <= 2 AND closed_at <= :at AND NOT recovered""")
                .param("id", customerId)
                .param("at", Timestamp.from(at))
                .update();
    }

    private boolean apply(String complaintId, String customerId, long sequence, String assignments, Map<String, Object> params) {
        jdbc.sql("INSERT INTO churn_complaint (complaint_id, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(complaintId, customerId).update();
        return jdbc.sql("UPDATE churn_complaint SET " + assignments + ", version = :version "
                        + "WHERE complaint_id = :complaintId AND version < :version")
                .params(params)
                .param("complaintId", complaintId)
                .param("version", sequence)
                .update() == 1;
    }
}
