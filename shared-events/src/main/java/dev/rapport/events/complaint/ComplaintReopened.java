package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * The customer rejected the resolution; the complaint is open again with a new resolution deadline.
 *
 * @param complaintId  the complaint
 * @param customerId   who complained
 * @param reason       why the customer is not satisfied, free text
 * @param reopenedAt   when
 * @param resolveDueBy the new resolution deadline
 */
public record ComplaintReopened(String complaintId, @DataSubject String customerId, @PersonalData String reason,
                                Instant reopenedAt, Instant resolveDueBy) {
}
