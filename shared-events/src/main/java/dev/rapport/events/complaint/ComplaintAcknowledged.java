package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * Someone took the complaint up and told the customer so.
 *
 * @param complaintId     the complaint
 * @param customerId      who complained
 * @param acknowledgedBy  the employee
 * @param acknowledgedAt  when
 * @param withinSla       whether it happened before the acknowledgement deadline
 */
public record ComplaintAcknowledged(String complaintId, @DataSubject String customerId, String acknowledgedBy,
                                    Instant acknowledgedAt, boolean withinSla) {
}
