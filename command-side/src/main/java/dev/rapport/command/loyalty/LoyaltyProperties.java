package dev.rapport.command.loyalty;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.sales.SalesChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The loyalty programme's settings ({@code rapport.loyalty.*}); every value has the default of DOMAIN.md,
 * and a map given only in part is completed from the defaults. Checked at start-up: a bad value stops
 * the application rather than miscounting points.
 *
 * @param reportingCurrency    the currency points are counted in (1 base point per unit)
 * @param exchangeRates        fixed rates to the reporting currency, by ISO code; the reporting currency is always 1
 * @param pointsPerUnit        base points per unit of reporting currency
 * @param tierMultipliers      points multiplier per tier
 * @param channelMultipliers   points multiplier per sales channel (promotions); 1 when absent
 * @param pointsValidityMonths points expire this many months after the month they were earned
 * @param thresholds           what a tier needs over the rolling 12 months: qualifying points or purchases
 */
@ConfigurationProperties("rapport.loyalty")
public record LoyaltyProperties(String reportingCurrency, Map<String, BigDecimal> exchangeRates, BigDecimal pointsPerUnit,
                                Map<Tier, BigDecimal> tierMultipliers, Map<SalesChannel, BigDecimal> channelMultipliers,
                                Integer pointsValidityMonths, Map<Tier, Threshold> thresholds) {

    /**
     * A tier's qualification: reached with at least {@code points} qualifying points <em>or</em> at least
     * {@code purchases} purchases.
     */
    public record Threshold(long points, int purchases) {

        public Threshold {
            if (points <= 0 || purchases <= 0) {
                throw new IllegalArgumentException("a tier threshold needs positive points and purchases");
            }
        }
    }

    public LoyaltyProperties {
        reportingCurrency = reportingCurrency == null ? "CNY" : reportingCurrency.strip().toUpperCase(Locale.ROOT);
        exchangeRates = ratesWithReportingCurrency(reportingCurrency, exchangeRates);
        pointsPerUnit = pointsPerUnit == null ? BigDecimal.ONE : requirePositive(pointsPerUnit, "points-per-unit");
        tierMultipliers = completed(defaultTierMultipliers(), tierMultipliers);
        tierMultipliers.values().forEach(value -> requirePositive(value, "tier-multipliers"));
        channelMultipliers = completed(new EnumMap<>(SalesChannel.class), channelMultipliers);
        channelMultipliers.values().forEach(value -> requirePositive(value, "channel-multipliers"));
        pointsValidityMonths = pointsValidityMonths == null ? 24 : pointsValidityMonths;
        if (pointsValidityMonths < 1) {
            throw new IllegalArgumentException("rapport.loyalty.points-validity-months must be at least 1");
        }
        thresholds = completed(defaultThresholds(), thresholds);
        requireAscending(thresholds);
    }

    /** Every default, as DOMAIN.md gives them. */
    public static LoyaltyProperties defaults() {
        return new LoyaltyProperties(null, null, null, null, null, null, null);
    }

    private static Map<String, BigDecimal> ratesWithReportingCurrency(String reportingCurrency, Map<String, BigDecimal> given) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((currency, rate) -> rates.put(currency.strip().toUpperCase(Locale.ROOT), requirePositive(rate, "exchange-rates")));
        }
        rates.put(reportingCurrency, BigDecimal.ONE);
        return Map.copyOf(rates);
    }

    private static <K extends Enum<K>, V> Map<K, V> completed(EnumMap<K, V> defaults, Map<K, V> given) {
        if (given != null) {
            defaults.putAll(given);
        }
        return Map.copyOf(defaults);
    }

    private static EnumMap<Tier, BigDecimal> defaultTierMultipliers() {
        EnumMap<Tier, BigDecimal> multipliers = new EnumMap<>(Tier.class);
        multipliers.put(Tier.BASE, new BigDecimal("1.0"));
        multipliers.put(Tier.SILVER, new BigDecimal("1.25"));
        multipliers.put(Tier.GOLD, new BigDecimal("1.5"));
        multipliers.put(Tier.PLATINUM, new BigDecimal("2.0"));
        return multipliers;
    }

    private static EnumMap<Tier, Threshold> defaultThresholds() {
        EnumMap<Tier, Threshold> thresholds = new EnumMap<>(Tier.class);
        thresholds.put(Tier.SILVER, new Threshold(2_500, 10));
        thresholds.put(Tier.GOLD, new Threshold(10_000, 30));
        thresholds.put(Tier.PLATINUM, new Threshold(25_000, 60));
        return thresholds;
    }

    private static void requireAscending(Map<Tier, Threshold> thresholds) {
        if (thresholds.containsKey(Tier.BASE)) {
            throw new IllegalArgumentException("BASE needs no threshold: every member has it");
        }
        Threshold lower = null;
        for (Tier tier : new Tier[]{Tier.SILVER, Tier.GOLD, Tier.PLATINUM}) {
            Threshold threshold = thresholds.get(tier);
            if (lower != null && (threshold.points() <= lower.points() || threshold.purchases() <= lower.purchases())) {
                throw new IllegalArgumentException("tier thresholds must rise from SILVER to PLATINUM");
            }
            lower = threshold;
        }
    }

    private static BigDecimal requirePositive(BigDecimal value, String property) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException("rapport.loyalty." + property + " must be positive: " + value);
        }
        return value;
    }
}
