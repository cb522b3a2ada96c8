package dev.rapport.query.complaint;

import java.time.Instant;
import java.util.Map;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.interaction.InteractionChannel;

/**
 * One complaint as served to API clients.
 *
 * @param resolveDueBy          the current resolution deadline (a reopening sets a new one)
 * @param resolvedAt            the latest resolution, also after a reopening
 * @param slaBreaches           how many deadlines were missed, all kinds together
 * @param breachesByDeadline    the deadlines that were missed and how often; absent kinds were never missed
 * @param resolvedWithinSla     null before the first resolution; then whether every resolution met its deadline
 * @param recovered             closed with satisfaction 4 or 5 after resolutions all within SLA
 */
public record ComplaintView(
        String complaintId,
        String customerId,
        ComplaintCategory category,
        Severity severity,
        InteractionChannel channel,
        ComplaintState state,
        int escalationLevel,
        String assignee,
        Instant filedAt,
        Instant acknowledgeDueBy,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolveDueBy,
        Instant resolvedAt,
        String resolvedBy,
        Instant resolutionConfirmedAt,
        Instant followUpDueBy,
        Instant followedUpAt,
        Instant closedAt,
        Integer satisfaction,
        int slaBreaches,
        Map<SlaDeadline, Integer> breachesByDeadline,
        Boolean resolvedWithinSla,
        boolean recovered,
        int reopenCount) {
}
