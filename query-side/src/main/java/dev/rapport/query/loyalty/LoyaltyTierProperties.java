package dev.rapport.query.loyalty;

import java.util.EnumMap;
import java.util.Map;

import dev.rapport.events.loyalty.Tier;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tier thresholds ({@code rapport.loyalty.thresholds.*}), the same properties the command side decides
 * upgrades with, with the same defaults (DOMAIN.md); a map given only in part is completed from them. The
 * query side needs them only to tell a member how far the next tier is.
 *
 * @param thresholds what a tier needs over the rolling 12 months: qualifying points or purchases
 */
@ConfigurationProperties("rapport.loyalty")
public record LoyaltyTierProperties(Map<Tier, Threshold> thresholds) {

    /** Reached with at least {@code points} qualifying points <em>or</em> at least {@code purchases} purchases. */
    public record Threshold(long points, int purchases) {
    }

    public LoyaltyTierProperties {
        EnumMap<Tier, Threshold> completed = new EnumMap<>(Tier.class);
        completed.put(Tier.SILVER, new Threshold(2_500, 10));
        completed.put(Tier.GOLD, new Threshold(10_000, 30));
        completed.put(Tier.PLATINUM, new Threshold(25_000, 60));
        if (thresholds != null) {
            completed.putAll(thresholds);
        }
        thresholds = Map.copyOf(completed);
    }

    public static LoyaltyTierProperties defaults() {
        return new LoyaltyTierProperties(null);
    }

    Threshold of(Tier tier) {
        return thresholds.get(tier);
    }
}
