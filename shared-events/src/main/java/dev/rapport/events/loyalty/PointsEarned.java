package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.common.Money;
import dev.rapport.events.privacy.DataSubject;

/**
 * Points were credited.
 *
 * @param membershipId      the membership
 * @param customerId        the member
 * @param points            how many, positive
 * @param qualifying        whether they count toward tier qualification (sale points do, bonus points do not)
 * @param source            why they were credited
 * @param reference         the sale id, complaint id or campaign code behind them
 * @param earnedAt          when they were earned (a sale's purchase time)
 * @param expiresAt         when whatever is left of them expires
 * @param balanceAfter      the points balance after this credit
 * @param qualifyingPoints  the base points that count toward tier qualification: a sale's points before the tier and
 *                          channel multipliers; 0 for bonus points
 * @param saleAmount        the sale's net amount for sale points, in its own currency; null for bonus points
 */
public record PointsEarned(String membershipId, @DataSubject String customerId, long points, boolean qualifying,
                           PointsSource source, String reference, Instant earnedAt, Instant expiresAt, long balanceAfter,
                           long qualifyingPoints, Money saleAmount) {
}
