package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A tier was granted by hand (status match, partner deal) until a given time.
 *
 * @param membershipId the membership
 * @param customerId   the member
 * @param from         the tier before
 * @param to           the granted tier
 * @param reason       why
 * @param grantedBy    who granted it
 * @param grantedAt    when
 * @param expiresAt    when the grant ends
 */
public record TierGranted(String membershipId, @DataSubject String customerId, Tier from, Tier to, String reason,
                          String grantedBy, Instant grantedAt, Instant expiresAt) {
}
