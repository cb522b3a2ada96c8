package dev.rapport.query.loyalty;

import java.time.Instant;

import dev.rapport.events.loyalty.Tier;

/** A membership in a list: what it is filtered and sorted by, without the time-dependent figures. */
public record MembershipSummary(
        String membershipId,
        String customerId,
        String memberNumber,
        Instant enrolledAt,
        Tier tier,
        Tier grantedTier,
        long pointsBalance) {
}
