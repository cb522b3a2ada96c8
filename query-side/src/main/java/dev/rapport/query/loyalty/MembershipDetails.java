package dev.rapport.query.loyalty;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import dev.rapport.events.loyalty.Tier;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One membership as served to API clients: the stored state plus the figures that depend on the time of
 * the query (the rolling 12 months, the gap to the next tier, the points still to expire).
 */
public record MembershipDetails(
        String membershipId,
        String customerId,
        String memberNumber,
        Instant enrolledAt,
        @Schema(description = "the tier held now, a granted one included") Tier tier,
        @Schema(description = "when that tier was reached, granted or fallen to") Instant tierSince,
        @Schema(description = "the tier granted by hand while it runs; null otherwise") Grant grant,
        @Schema(description = "may be negative after a refund took back points already spent or expired") long pointsBalance,
        LifetimePoints lifetime,
        @Schema(description = "qualifying points and purchases in the rolling 12 months ending at the request") QualifyingFigures last12Months,
        @Schema(description = "what the tier above the one held still needs") TierProgress progress,
        @Schema(description = "points still to expire, per month, soonest first") List<ExpiringPoints> expirySchedule,
        @Schema(description = "the last yearly review; null before the first") LastReview lastReview) {

    /** A tier granted by hand, held until {@code expiresAt} unless an earned upgrade overtakes it. */
    public record Grant(Tier tier, Instant expiresAt) {
    }

    /** Points ever credited, spent, expired and taken back by refunds. */
    public record LifetimePoints(long earned, long redeemed, long expired, long reversed) {
    }

    /** Points that expire at the first instant (UTC) of {@code month} unless spent first. */
    public record ExpiringPoints(
            @Schema(description = "the month at whose first instant (UTC) they expire", type = "string", example = "2027-04") YearMonth month,
            @Schema(description = "that instant") Instant expiresAt,
            long points) {
    }

    public record LastReview(ReviewOutcome outcome, Instant reviewedAt) {
    }
}
