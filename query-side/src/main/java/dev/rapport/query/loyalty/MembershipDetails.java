package dev.rapport.query.loyalty;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import dev.rapport.events.loyalty.Tier;

/**
 * One membership as served to API clients: the stored state plus the figures that depend on the time of
 * the query (the rolling 12 months, the gap to the next tier, the points still to expire).
 *
 * @param tier             the tier held now, a granted one included
 * @param tierSince        when that tier was reached, granted or lost to
 * @param grant            the tier granted by hand and until when; null when none runs
 * @param pointsBalance    may be negative after a refund reversed points already spent
 * @param last12Months     qualifying points and purchases in the rolling window, as of the query
 * @param progress         what the tier above still needs
 * @param expirySchedule   points still to expire, per month, soonest first
 * @param lastReview       the outcome of the last yearly review; null before the first
 */
public record MembershipDetails(
        String membershipId,
        String customerId,
        String memberNumber,
        Instant enrolledAt,
        Tier tier,
        Instant tierSince,
        Grant grant,
        long pointsBalance,
        LifetimePoints lifetime,
        QualifyingFigures last12Months,
        TierProgress progress,
        List<ExpiringPoints> expirySchedule,
        LastReview lastReview) {

    /** A tier granted by hand, held until {@code expiresAt} unless an earned upgrade overtakes it. */
    public record Grant(Tier tier, Instant expiresAt) {
    }

    /** Points ever credited, spent, expired and taken back by refunds. */
    public record LifetimePoints(long earned, long redeemed, long expired, long reversed) {
    }

    /**
     * Points that expire at the start of {@code month} (UTC) unless spent first.
     *
     * @param month     the month at whose first instant they expire
     * @param expiresAt that instant
     */
    public record ExpiringPoints(YearMonth month, Instant expiresAt, long points) {
    }

    public record LastReview(ReviewOutcome outcome, Instant reviewedAt) {
    }
}
