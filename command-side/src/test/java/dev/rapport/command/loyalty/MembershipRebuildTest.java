package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static dev.rapport.command.loyalty.MembershipFixtures.upgraded;

import java.time.Instant;

import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierUpgraded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * A membership rebuilt from its events holds the qualifying figures their payloads state, so its decisions
 * match those of the membership that recorded them.
 */
class MembershipRebuildTest {

    /** The first enrolment anniversary: the yearly review is due. */
    private static final Instant ANNIVERSARY = at("2026-01-10T08:00:00Z");
    private static final Instant BOUGHT = at("2025-04-01T12:00:00Z");
    private static final Instant EXPIRES = at("2027-05-01T00:00:00Z");
    private static final TierUpgraded SILVER_SINCE_MARCH = upgraded(Tier.BASE, Tier.SILVER, at("2025-03-01T00:00:00Z"));

    /** 3,000 yuan at SILVER: 3,750 points credited, 3,000 of them qualifying. */
    private static final PointsEarned EARNED = new PointsEarned(ID, CUSTOMER, 3750, true, PointsSource.SALE, "s-1",
            BOUGHT, EXPIRES, 3750, 3000, cny("3000"));
    /** 600.50 of it refunded: floor(3,750 × 600.50 / 3,000) = 750 points, floor(3,000 × 600.50 / 3,000) = 600 qualifying. */
    private static final PointsReversed REVERSED = new PointsReversed(ID, CUSTOMER, 750, "s-1", "r-1", ANNIVERSARY,
            3000, 600, cny("600.50"));
    /** 2,400 qualifying points left: short of SILVER's 2,500, though the 3,000 points left would reach it. */
    private static final TierDowngraded REVIEWED_DOWN = new TierDowngraded(ID, CUSTOMER, Tier.SILVER, Tier.BASE, 2400, 1,
            "Yearly review: 2400 qualifying points and 1 purchases in the last 12 months are below SILVER "
                    + "(2500 points or 10 purchases); down one tier", ANNIVERSARY);

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void aSaleRecordsItsQualifyingPointsAndAmount() {
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled(), SILVER_SINCE_MARCH)
                .when(sale("s-1", "3000", BOUGHT))
                .expectEvents(EARNED);
    }

    @Test
    void aRefundRecordsTheQualifyingPointsItTakesBackAndItsAmount() {
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled(), SILVER_SINCE_MARCH)
                .andGivenCommands(sale("s-1", "3000", BOUGHT))
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", cny("600.50")))
                .expectEvents(REVERSED);
    }

    @Test
    void theMembershipThatRecordedTheFactsReviewsOnTheirFigures() {
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled(), SILVER_SINCE_MARCH)
                .andGivenCommands(sale("s-1", "3000", BOUGHT), new ReversePointsForRefund(ID, "s-1", "r-1", cny("600.50")))
                .when(new ReviewTier(ID))
                .expectEvents(REVIEWED_DOWN);
    }

    @Test
    void aMembershipRebuiltFromTheRecordedEventsReviewsOnTheSameFigures() {
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled(), SILVER_SINCE_MARCH, EARNED, REVERSED)
                .when(new ReviewTier(ID))
                .expectEvents(REVIEWED_DOWN);
    }

    @Test
    void aRebuiltMembershipUpgradesOnTheRecordedQualifyingPointsNotThePointsCredited() {
        // 8,000 recorded qualifying points and 2,000 more reach GOLD's 10,000 exactly; the 10,000 credited points do not count
        PointsEarned earnedAtSilver = new PointsEarned(ID, CUSTOMER, 10_000, true, PointsSource.SALE, "s-1", BOUGHT,
                EXPIRES, 10_000, 8000, cny("8000"));
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled(), SILVER_SINCE_MARCH, earnedAtSilver)
                .when(sale("s-2", "2000", ANNIVERSARY))
                .expectEvents(
                        new PointsEarned(ID, CUSTOMER, 2500, true, PointsSource.SALE, "s-2", ANNIVERSARY,
                                at("2028-02-01T00:00:00Z"), 12_500, 2000, cny("2000")),
                        new TierUpgraded(ID, CUSTOMER, Tier.SILVER, Tier.GOLD, 10_000, 2,
                                "10000 qualifying points reach the 10000-point threshold of GOLD (rolling 12 months)",
                                ANNIVERSARY));
    }

    @Test
    void aRebuiltMembershipReversesTheShareOfTheRecordedSaleAmount() {
        // 250 of the recorded 1,000 yuan: a quarter of the 1,250 points (floored) and of the 1,000 qualifying ones
        PointsEarned earnedAtSilver = new PointsEarned(ID, CUSTOMER, 1250, true, PointsSource.SALE, "s-1", BOUGHT,
                EXPIRES, 1250, 1000, cny("1000"));
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled(), SILVER_SINCE_MARCH, earnedAtSilver)
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", cny("250")))
                .expectEvents(new PointsReversed(ID, CUSTOMER, 312, "s-1", "r-1", ANNIVERSARY, 938, 250, cny("250")));
    }
}
