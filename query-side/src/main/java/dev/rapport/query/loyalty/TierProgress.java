package dev.rapport.query.loyalty;

import dev.rapport.events.loyalty.Tier;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far the tier above the one held is. An upgrade needs the points threshold <em>or</em> the purchases
 * threshold, so whichever gap closes first decides: once either is reached both are 0.
 */
public record TierProgress(
        @Schema(description = "the tier above the one held; null at PLATINUM") Tier nextTier,
        @Schema(description = "qualifying points still missing, or else the purchases; 0 at PLATINUM") long pointsToNextTier,
        @Schema(description = "purchases still missing, or else the points; 0 at PLATINUM") int purchasesToNextTier) {

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
