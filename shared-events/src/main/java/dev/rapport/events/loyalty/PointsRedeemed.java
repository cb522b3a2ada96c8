package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * Points were spent, oldest first. Never more than the balance.
 *
 * @param membershipId the membership
 * @param customerId   the member
 * @param points       how many, positive
 * @param reference    what they were spent on (reward, order...)
 * @param redeemedAt   when
 * @param balanceAfter the balance after this redemption, never negative
 */
public record PointsRedeemed(String membershipId, @DataSubject String customerId, long points, String reference,
                             Instant redeemedAt, long balanceAfter) {
}
