package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The complaint is closed with the customer's satisfaction score. Resolved within SLA and rated 4 or 5,
 * the customer counts as recovered.
 *
 * @param complaintId       the complaint
 * @param customerId        who complained
 * @param satisfaction      the customer's satisfaction, 1–5
 * @param resolvedWithinSla whether every resolution was given before its deadline
 * @param closedAt          when
 */
public record ComplaintClosed(String complaintId, @DataSubject String customerId, int satisfaction, boolean resolvedWithinSla,
                              Instant closedAt) {
}
