package dev.rapport.query.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.loyalty.MembershipDetails.ExpiringPoints;
import dev.rapport.query.loyalty.TierDistribution.TierCount;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class MembershipQueriesTest {

    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant ENROLLED = Instant.parse("2023-12-01T09:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final LoyaltyViewProjection projection = new LoyaltyViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    private final MembershipQueries queries = queriesAt(NOW);

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @Test
    void theRollingWindowCoversTheTwelveMonthsBeforeTheQueryAndASaleExactlyTwelveMonthsOldIsOut() {
        MembershipHistory member = member("c-1")
                .sale("twelve-months-old", Instant.parse("2025-03-15T12:00:00Z"), 700)
                .sale("just-inside", Instant.parse("2025-03-15T12:00:01Z"), 300)
                .sale("recent", Instant.parse("2026-03-01T08:00:00Z"), 200);

        QualifyingFigures figures = queries.byId(member.id()).orElseThrow().last12Months();

        assertThat(figures.points()).isEqualTo(500);
        assertThat(figures.purchases()).isEqualTo(2);
        assertThat(figures.windowStart()).isEqualTo(Instant.parse("2025-03-15T12:00:00Z"));
        assertThat(figures.asOf()).isEqualTo(NOW);
    }

    @Test
    void anOldCreditDropsOutOfTheWindowAsTimePasses() {
        MembershipHistory member = member("c-1")
                .sale("s-1", Instant.parse("2025-04-20T10:00:00Z"), 1000)
                .sale("s-2", Instant.parse("2025-12-01T10:00:00Z"), 400);

        assertThat(queries.byId(member.id()).orElseThrow().last12Months().points()).isEqualTo(1400);
        QualifyingFigures later = queriesAt(Instant.parse("2026-05-01T00:00:00Z")).byId(member.id()).orElseThrow().last12Months();
        assertThat(later.points()).isEqualTo(400);
        assertThat(later.purchases()).isEqualTo(1);
    }

    @Test
    void aSaleRefundedInFullNoLongerCountsAndAPartlyRefundedOneCountsItsNetPoints() {
        MembershipHistory member = member("c-1")
                .sale("full", Instant.parse("2026-01-10T10:00:00Z"), 800)
                .sale("partial", Instant.parse("2026-01-11T10:00:00Z"), 600)
                .reversed("full", "r-1", 800, 800, "800", Instant.parse("2026-01-20T10:00:00Z"))
                .reversed("partial", "r-2", 100, 100, "100", Instant.parse("2026-01-20T10:00:00Z"));

        QualifyingFigures figures = queries.byId(member.id()).orElseThrow().last12Months();

        assertThat(figures.points()).isEqualTo(500);
        assertThat(figures.purchases()).isEqualTo(1);
    }

    @Test
    void theNextTierIsNearerByPoints() {
        MembershipHistory member = member("c-1").upgraded(Tier.BASE, Tier.SILVER, Instant.parse("2025-09-01T10:00:00Z"));
        sales(member, 12, 792);   // 9,504 qualifying points in 12 purchases

        TierProgress progress = queries.byId(member.id()).orElseThrow().progress();

        assertThat(progress).isEqualTo(new TierProgress(Tier.GOLD, 496, 18));
    }

    @Test
    void theNextTierIsNearerByPurchases() {
        MembershipHistory member = member("c-1");
        sales(member, 9, 20);

        TierProgress progress = queries.byId(member.id()).orElseThrow().progress();

        assertThat(progress).isEqualTo(new TierProgress(Tier.SILVER, 2_320, 1));
    }

    @Test
    void onceEitherThresholdIsReachedNothingIsMissing() {
        MembershipHistory member = member("c-1");
        sales(member, 10, 20);   // ten purchases: SILVER is reached, whatever the points

        assertThat(queries.byId(member.id()).orElseThrow().progress()).isEqualTo(new TierProgress(Tier.SILVER, 0, 0));
    }

    @Test
    void aPlatinumMemberHasNoNextTier() {
        MembershipHistory member = member("c-1").upgraded(Tier.BASE, Tier.PLATINUM, Instant.parse("2025-09-01T10:00:00Z"));

        assertThat(queries.byId(member.id()).orElseThrow().progress()).isEqualTo(new TierProgress(null, 0, 0));
    }

    @Test
    void theExpiryScheduleSumsThePointsLeftPerMonthOfExpiryStillToCome() {
        MembershipHistory member = member("c-1")
                .sale("due-already", Instant.parse("2024-01-20T10:00:00Z"), 50)        // expiry passed, run not yet recorded
                .sale("jan", Instant.parse("2025-01-20T10:00:00Z"), 100)
                .sale("feb-a", Instant.parse("2025-02-03T10:00:00Z"), 200)
                .bonus("feb-b", Instant.parse("2025-02-25T10:00:00Z"), 300)
                .sale("mar", Instant.parse("2025-03-10T10:00:00Z"), 400)
                .redeemed(250, Instant.parse("2025-04-01T10:00:00Z"));                 // due-already, jan, 100 of feb-a

        assertThat(queries.byId(member.id()).orElseThrow().expirySchedule()).containsExactly(
                new ExpiringPoints(YearMonth.of(2027, 3), Instant.parse("2027-03-01T00:00:00Z"), 400),
                new ExpiringPoints(YearMonth.of(2027, 4), Instant.parse("2027-04-01T00:00:00Z"), 400));
    }

    @Test
    void theMembershipIsFoundByItsCustomer() {
        MembershipHistory member = member("c-7").bonus("WELCOME", Instant.parse("2025-01-01T00:00:00Z"), 100);

        MembershipDetails details = queries.byCustomer("c-7").orElseThrow();

        assertThat(details.membershipId()).isEqualTo(member.id());
        assertThat(details.pointsBalance()).isEqualTo(100);
        assertThat(details.lifetime()).isEqualTo(new MembershipDetails.LifetimePoints(100, 0, 0, 0));
        assertThat(queries.byCustomer("c-unknown")).isEmpty();
    }

    @Test
    void theTierDistributionCountsEveryTierZerosIncluded() {
        member("c-1");
        member("c-2").upgraded(Tier.BASE, Tier.SILVER, Instant.parse("2025-09-01T10:00:00Z"));
        member("c-3").granted(Tier.BASE, Tier.SILVER, Instant.parse("2025-09-01T10:00:00Z"), Instant.parse("2026-09-01T00:00:00Z"));

        assertThat(queries.tierDistribution()).isEqualTo(new TierDistribution(List.of(
                new TierCount(Tier.BASE, 1), new TierCount(Tier.SILVER, 2), new TierCount(Tier.GOLD, 0),
                new TierCount(Tier.PLATINUM, 0)), 3));
    }

    private MembershipHistory member(String customerId) {
        return new MembershipHistory(projection, customerId).enrolled(ENROLLED);
    }

    /** {@code count} sales of {@code points} each, a day apart, ending a week ago. */
    private static void sales(MembershipHistory member, int count, long points) {
        for (int i = 0; i < count; i++) {
            member.sale("s-" + i, NOW.minus(Duration.ofDays(7 + i)), points);
        }
    }

    private MembershipQueries queriesAt(Instant now) {
        return new MembershipQueries(new MembershipViews(jdbc), LoyaltyTierProperties.defaults(), Clock.fixed(now, ZoneOffset.UTC));
    }
}
