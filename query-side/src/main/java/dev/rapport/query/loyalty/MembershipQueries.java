package dev.rapport.query.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.query.loyalty.MembershipViews.StoredMembership;
import org.springframework.stereotype.Service;

/**
 * Answers loyalty queries. The figures that depend on time (the rolling 12 months, the points still to
 * expire) are computed here, as of the {@link Clock}'s now; the projection never reads a clock.
 */
@Service
class MembershipQueries {

    static final int QUALIFICATION_MONTHS = 12;

    private final MembershipViews views;
    private final LoyaltyTierProperties tiers;
    private final Clock clock;

    MembershipQueries(MembershipViews views, LoyaltyTierProperties tiers, Clock clock) {
        this.views = views;
        this.tiers = tiers;
        this.clock = clock;
    }

    Optional<MembershipDetails> byId(String membershipId) {
        return views.find(membershipId).map(this::details);
    }

    Optional<MembershipDetails> byCustomer(String customerId) {
        return views.findByCustomer(customerId).map(this::details);
    }

    MembershipPage list(MembershipViews.Filter filter, String cursor, int size) {
        List<MembershipSummary> rows = views.page(filter, MembershipCursor.membershipIdOf(cursor), size + 1);
        if (rows.size() <= size) {
            return new MembershipPage(rows, null);
        }
        List<MembershipSummary> page = rows.subList(0, size);
        return new MembershipPage(List.copyOf(page), MembershipCursor.after(page.get(size - 1).membershipId()));
    }

    TierDistribution tierDistribution() {
        Map<Tier, Long> counts = views.tierCounts();
        List<TierDistribution.TierCount> perTier = counts.entrySet().stream()
                .map(entry -> new TierDistribution.TierCount(entry.getKey(), entry.getValue()))
                .toList();
        return new TierDistribution(perTier, counts.values().stream().mapToLong(Long::longValue).sum());
    }

    private MembershipDetails details(StoredMembership stored) {
        Instant now = clock.instant();
        MembershipSummary summary = stored.summary();
        QualifyingFigures figures = views.qualifyingFigures(summary.membershipId(), windowStart(now), now);
        return new MembershipDetails(
                summary.membershipId(),
                summary.customerId(),
                summary.memberNumber(),
                summary.enrolledAt(),
                summary.tier(),
                stored.tierSince(),
                stored.grant(),
                summary.pointsBalance(),
                stored.lifetime(),
                figures,
                TierProgress.of(summary.tier(), figures, tiers),
                views.expirySchedule(summary.membershipId(), now),
                stored.lastReview());
    }

    /** Calendar months in UTC, as the command side counts them. */
    private static Instant windowStart(Instant now) {
        return now.atZone(ZoneOffset.UTC).minusMonths(QUALIFICATION_MONTHS).toInstant();
    }
}
