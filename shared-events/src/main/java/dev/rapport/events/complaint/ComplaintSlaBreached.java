package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A service-level deadline passed without the step it asks for.
 *
 * @param complaintId     the complaint
 * @param customerId      who complained
 * @param deadline        which deadline
 * @param dueBy           when it was due
 * @param detectedAt      when the breach was detected
 * @param overdueSeconds  how late it was when detected, in seconds
 */
public record ComplaintSlaBreached(String complaintId, @DataSubject String customerId, SlaDeadline deadline, Instant dueBy,
                                   Instant detectedAt, long overdueSeconds) {
}
