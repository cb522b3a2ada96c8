package dev.rapport.query.loyalty;

import dev.rapport.events.loyalty.Tier;

/**
 * How far the tier above the one held is. An upgrade needs the points threshold <em>or</em> the purchases
 * threshold, so whichever gap closes first decides: once either is reached both are 0.
 *
 * @param nextTier            the tier above the one held; null at PLATINUM
 * @param pointsToNextTier    qualifying points still missing; 0 at PLATINUM
 * @param purchasesToNextTier purchases still missing; 0 at PLATINUM
 */
public record TierProgress(Tier nextTier, long pointsToNextTier, int purchasesToNextTier) {

    static TierProgress of(Tier held, QualifyingFigures figures, LoyaltyTierProperties properties) {
        if (held == Tier.PLATINUM) {
            return new TierProgress(null, 0, 0);
        }
        Tier next = held.next();
        LoyaltyTierProperties.Threshold threshold = properties.of(next);
        long points = Math.max(0, threshold.points() - figures.points());
        int purchases = Math.max(0, threshold.purchases() - figures.purchases());
        if (points == 0 || purchases == 0) {
            return new TierProgress(next, 0, 0);
        }
        return new TierProgress(next, points, purchases);
    }
}
