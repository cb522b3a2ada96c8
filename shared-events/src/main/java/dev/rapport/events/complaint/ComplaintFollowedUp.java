package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The customer was contacted after the resolution (回访), logged as an interaction.
 *
 * @param complaintId   the complaint
 * @param customerId    who complained
 * @param interactionId the logged contact
 * @param followedUpAt  when the contact happened
 * @param withinSla     whether it happened before the follow-up deadline
 */
public record ComplaintFollowedUp(String complaintId, @DataSubject String customerId, String interactionId,
                                  Instant followedUpAt, boolean withinSla) {
}
