package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The member qualified for a higher tier; upgrades happen as soon as a threshold is crossed.
 *
 * @param membershipId        the membership
 * @param customerId          the member
 * @param from                the tier before
 * @param to                  the tier now
 * @param qualifyingPoints    qualifying points over the last 12 months
 * @param qualifyingPurchases purchases over the last 12 months
 * @param reason              which threshold was crossed
 * @param upgradedAt          when
 */
public record TierUpgraded(String membershipId, @DataSubject String customerId, Tier from, Tier to, long qualifyingPoints,
                           int qualifyingPurchases, String reason, Instant upgradedAt) {
}
