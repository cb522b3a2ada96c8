package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * Points that were not spent in time expired (oldest first).
 *
 * @param membershipId the membership
 * @param customerId   the member
 * @param points       how many, positive
 * @param earnedBefore the expired points were earned before this instant
 * @param expiredAt    when
 * @param balanceAfter the balance after the expiry
 */
public record PointsExpired(String membershipId, @DataSubject String customerId, long points, Instant earnedBefore,
                            Instant expiredAt, long balanceAfter) {
}
