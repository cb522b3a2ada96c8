package dev.rapport.command.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import dev.rapport.command.loyalty.LoyaltyProperties.Threshold;
import dev.rapport.events.common.Money;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.platform.web.RuleViolation;

/**
 * The programme's arithmetic, from {@link LoyaltyProperties}: how many points a sale earns, when points
 * expire, which tier figures qualify for. Given to the {@link Membership} as a handler parameter.
 */
final class LoyaltyPolicy {

    private static final List<Tier> HIGHEST_FIRST = List.of(Tier.PLATINUM, Tier.GOLD, Tier.SILVER);

    private final LoyaltyProperties properties;

    LoyaltyPolicy(LoyaltyProperties properties) {
        this.properties = properties;
    }

    /** Qualifying (base) points: floor(amount × rate to the reporting currency × points per unit). */
    long basePoints(Money netAmount) {
        return floor(inReportingUnits(netAmount));
    }

    /** Points credited for a sale: the base amount × tier multiplier × channel multiplier, floored once at the end. */
    long salePoints(Money netAmount, Tier tier, SalesChannel channel) {
        return floor(inReportingUnits(netAmount)
                .multiply(properties.tierMultipliers().get(tier))
                .multiply(properties.channelMultipliers().getOrDefault(channel, BigDecimal.ONE)));
    }

    Instant expiryOf(Instant earnedAt) {
        return LoyaltyCalendar.expiryOf(earnedAt, properties.pointsValidityMonths());
    }

    /** The highest tier whose points or purchase threshold the figures reach. */
    Tier qualifiedTier(QualifyingFigures figures) {
        return HIGHEST_FIRST.stream().filter(tier -> reaches(figures, tier)).findFirst().orElse(Tier.BASE);
    }

    String upgradeReason(Tier to, QualifyingFigures figures) {
        Threshold threshold = properties.thresholds().get(to);
        String crossed = figures.points() >= threshold.points()
                ? figures.points() + " qualifying points reach the " + threshold.points() + "-point threshold"
                : figures.purchases() + " purchases reach the " + threshold.purchases() + "-purchase threshold";
        return crossed + " of " + to + " (rolling " + LoyaltyCalendar.QUALIFICATION_MONTHS + " months)";
    }

    String downgradeReason(Tier from, QualifyingFigures figures) {
        Threshold threshold = properties.thresholds().get(from);
        return "Yearly review: " + figures.points() + " qualifying points and " + figures.purchases()
                + " purchases in the last " + LoyaltyCalendar.QUALIFICATION_MONTHS + " months are below " + from
                + " (" + threshold.points() + " points or " + threshold.purchases() + " purchases); down one tier";
    }

    private boolean reaches(QualifyingFigures figures, Tier tier) {
        Threshold threshold = properties.thresholds().get(tier);
        return figures.points() >= threshold.points() || figures.purchases() >= threshold.purchases();
    }

    private BigDecimal inReportingUnits(Money amount) {
        BigDecimal rate = properties.exchangeRates().get(amount.currency());
        if (rate == null) {
            throw new RuleViolation("unknown-currency", "No exchange rate from " + amount.currency() + " to "
                    + properties.reportingCurrency() + " is configured");
        }
        return amount.amount().multiply(rate).multiply(properties.pointsPerUnit());
    }

    private static long floor(BigDecimal points) {
        return points.setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
