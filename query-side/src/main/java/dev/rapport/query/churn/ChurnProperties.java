package dev.rapport.query.churn;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The churn early warning's thresholds ({@code rapport.churn.*}) with the defaults of DOMAIN.md; anything
 * left out takes its default.
 *
 * @param evaluationInterval     how often the time-based reasons are evaluated (read by the scheduler as
 *                               {@code rapport.churn.evaluation-interval}, default 15 minutes)
 * @param evaluationInitialDelay how long after start-up the first evaluation runs (default 1 minute)
 * @param overdue                when a customer is overdue for a purchase
 * @param spendDrop              when falling spend is a reason
 * @param stream                 the live stream of alert changes
 * @param pAlive                 when the BG/NBD model's P(alive) is a reason ({@code rapport.churn.p-alive.*})
 */
@ConfigurationProperties("rapport.churn")
public record ChurnProperties(Duration evaluationInterval, Duration evaluationInitialDelay, Overdue overdue, SpendDrop spendDrop,
                              Stream stream, PAlive pAlive) {

    public ChurnProperties {
        evaluationInterval = evaluationInterval == null ? Duration.ofMinutes(15) : evaluationInterval;
        evaluationInitialDelay = evaluationInitialDelay == null ? Duration.ofMinutes(1) : evaluationInitialDelay;
        overdue = overdue == null ? new Overdue(null, null, null, null, null) : overdue;
        spendDrop = spendDrop == null ? new SpendDrop(null, null, null) : spendDrop;
        stream = stream == null ? new Stream(null, null) : stream;
        pAlive = pAlive == null ? new PAlive(null, null, null) : pAlive;
    }

    public static ChurnProperties defaults() {
        return new ChurnProperties(null, null, null, null, null, null);
    }

    /**
     * @param warningFactor         warning when the days since the last purchase exceed this many median intervals
     * @param criticalFactor        critical beyond this many
     * @param singlePurchaseWatch   a customer with one purchase: watch after this long without another
     * @param singlePurchaseWarning and warning after this long
     * @param minimumInterval       the median interval counts as at least this (purchases on the same day would
     *                              otherwise make any pause overdue)
     */
    public record Overdue(Double warningFactor, Double criticalFactor, Duration singlePurchaseWatch,
                          Duration singlePurchaseWarning, Duration minimumInterval) {

        public Overdue {
            warningFactor = warningFactor == null ? 2.0 : warningFactor;
            criticalFactor = criticalFactor == null ? 4.0 : criticalFactor;
            singlePurchaseWatch = singlePurchaseWatch == null ? Duration.ofDays(180) : singlePurchaseWatch;
            singlePurchaseWarning = singlePurchaseWarning == null ? Duration.ofDays(365) : singlePurchaseWarning;
            minimumInterval = minimumInterval == null ? Duration.ofDays(1) : minimumInterval;
        }
    }

    /**
     * @param period       the length of the recent period and of the previous one it is compared with
     * @param watchBelow   watch when recent net spend is below this share of the previous period's
     * @param warningBelow warning when below this share
     */
    public record SpendDrop(Duration period, Double watchBelow, Double warningBelow) {

        public SpendDrop {
            period = period == null ? Duration.ofDays(90) : period;
            watchBelow = watchBelow == null ? 0.5 : watchBelow;
            warningBelow = warningBelow == null ? 0.25 : warningBelow;
        }
    }

    /**
     * @param maxSubscribers concurrent stream subscribers; one more is answered 503
     * @param timeout        a subscription ends after this long; clients reconnect
     */
    public record Stream(Integer maxSubscribers, Duration timeout) {

        public Stream {
            maxSubscribers = maxSubscribers == null ? 100 : maxSubscribers;
            timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        }
    }

    /**
     * @param warning            LOW_P_ALIVE at WARNING when P(alive) is below this
     * @param critical           and CRITICAL below this
     * @param minRepeatPurchases only for customers with at least this many repeat purchases: without one, the model
     *                           says 1 (nobody drops out before buying again), so it cannot tell quiet from gone
     */
    public record PAlive(Double warning, Double critical, Integer minRepeatPurchases) {

        public PAlive {
            warning = warning == null ? 0.5 : warning;
            critical = critical == null ? 0.2 : critical;
            minRepeatPurchases = minRepeatPurchases == null ? 1 : minRepeatPurchases;
        }
    }
}
