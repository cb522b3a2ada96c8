package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * At the yearly review the member kept their tier; recorded so auditors see every review.
 *
 * @param membershipId        the membership
 * @param customerId          the member
 * @param tier                the tier kept
 * @param qualifyingPoints    qualifying points over the last 12 months
 * @param qualifyingPurchases purchases over the last 12 months
 * @param reviewedAt          when
 */
public record TierRetained(String membershipId, @DataSubject String customerId, Tier tier, long qualifyingPoints,
                           int qualifyingPurchases, Instant reviewedAt) {
}
