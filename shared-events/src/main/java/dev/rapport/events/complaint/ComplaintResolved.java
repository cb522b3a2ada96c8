package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * A resolution was given to the customer; a follow-up contact is now due.
 *
 * @param complaintId   the complaint
 * @param customerId    who complained
 * @param resolution    what was done, free text
 * @param compensation  what the customer got, or null
 * @param resolvedBy    the employee
 * @param resolvedAt    when
 * @param withinSla     whether it happened before the resolution deadline
 * @param followUpDueBy the follow-up deadline
 */
public record ComplaintResolved(String complaintId, @DataSubject String customerId, @PersonalData String resolution,
                                Compensation compensation, String resolvedBy, Instant resolvedAt, boolean withinSla,
                                Instant followUpDueBy) {
}
