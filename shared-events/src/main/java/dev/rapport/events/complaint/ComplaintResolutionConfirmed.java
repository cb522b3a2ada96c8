package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The customer accepted the resolution.
 *
 * @param complaintId the complaint
 * @param customerId  who complained
 * @param confirmedAt when
 */
public record ComplaintResolutionConfirmed(String complaintId, @DataSubject String customerId, Instant confirmedAt) {
}
