package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * At the yearly review the last 12 months no longer qualified for the tier: down one tier, never more.
 *
 * @param membershipId        the membership
 * @param customerId          the member
 * @param from                the tier before
 * @param to                  the tier now (one below)
 * @param qualifyingPoints    qualifying points over the last 12 months
 * @param qualifyingPurchases purchases over the last 12 months
 * @param reason              why
 * @param downgradedAt        when
 */
public record TierDowngraded(String membershipId, @DataSubject String customerId, Tier from, Tier to, long qualifyingPoints,
                             int qualifyingPurchases, String reason, Instant downgradedAt) {
}
