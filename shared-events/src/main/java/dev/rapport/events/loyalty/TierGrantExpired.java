package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A granted tier ended; the member falls back to the tier their own figures qualify for.
 *
 * @param membershipId        the membership
 * @param customerId          the member
 * @param from                the granted tier
 * @param to                  the tier now
 * @param qualifyingPoints    qualifying points over the last 12 months
 * @param qualifyingPurchases purchases over the last 12 months
 * @param expiredAt           when
 */
public record TierGrantExpired(String membershipId, @DataSubject String customerId, Tier from, Tier to,
                               long qualifyingPoints, int qualifyingPurchases, Instant expiredAt) {
}
