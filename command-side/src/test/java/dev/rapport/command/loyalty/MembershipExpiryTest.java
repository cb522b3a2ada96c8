package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ENROLLED;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.campaignBonus;
import static dev.rapport.command.loyalty.MembershipFixtures.earnedFromSale;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.events.loyalty.PointsExpired;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierRetained;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipExpiryTest {

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void pointsExpireAtTheStartOfTheMonthTwentyFourMonthsAfterTheMonthTheyWereEarned() {
        assertThat(LoyaltyCalendar.expiryOf(at("2024-03-15T10:00:00Z"), 24)).isEqualTo(at("2026-04-01T00:00:00Z"));
        assertThat(LoyaltyCalendar.expiryOf(at("2024-03-01T00:00:00Z"), 24)).isEqualTo(at("2026-04-01T00:00:00Z"));
        assertThat(LoyaltyCalendar.expiryOf(at("2024-03-31T23:59:59Z"), 24)).isEqualTo(at("2026-04-01T00:00:00Z"));
        assertThat(LoyaltyCalendar.expiryOf(at("2024-12-31T12:00:00Z"), 24)).isEqualTo(at("2027-01-01T00:00:00Z"));
    }

    @Test
    void theMonthlyDeadlineExpiresSalesAndBonusPointsWhenTheirMonthComes() {
        // January 2025 points expire on 1 February 2027; the yearly reviews in between are recorded too
        fixture.givenCurrentTime(ENROLLED)
                .andGivenCommands(EnrolMember.forCustomer(CUSTOMER), sale("s-1", "500", ENROLLED), campaignBonus(200, "WELCOME"))
                .whenTimeAdvancesTo(at("2027-02-01T00:00:00Z"))
                .expectEvents(
                        new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, at("2026-01-10T08:00:00Z")),
                        new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, at("2027-01-10T08:00:00Z")),
                        new PointsExpired(ID, CUSTOMER, 700, at("2025-02-01T00:00:00Z"), at("2027-02-01T00:00:00Z"), 0))
                .expectScheduledDeadline(at("2027-03-01T00:00:00Z"), new ExpirePoints(ID));
    }

    @Test
    void eachMonthExpiresOnlyItsOwnPointsOldestFirst() {
        fixture.givenCurrentTime(ENROLLED)
                .andGivenCommands(EnrolMember.forCustomer(CUSTOMER))
                .andGiven(
                        earnedFromSale("s-jan", 500, at("2025-01-20T12:00:00Z"), 500),
                        earnedFromSale("s-mar", 300, at("2025-03-10T12:00:00Z"), 800),
                        earnedFromSale("s-may", 100, at("2025-05-05T12:00:00Z"), 900))
                .whenTimeAdvancesTo(at("2027-04-15T00:00:00Z"))
                .expectEvents(
                        new TierRetained(ID, CUSTOMER, Tier.BASE, 900, 3, at("2026-01-10T08:00:00Z")),
                        new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, at("2027-01-10T08:00:00Z")),
                        new PointsExpired(ID, CUSTOMER, 500, at("2025-02-01T00:00:00Z"), at("2027-02-01T00:00:00Z"), 400),
                        new PointsExpired(ID, CUSTOMER, 300, at("2025-04-01T00:00:00Z"), at("2027-04-01T00:00:00Z"), 100));
    }

    @Test
    void theDeadlineComesBackEveryMonthEvenWithNothingToExpire() {
        fixture.givenCurrentTime(ENROLLED)
                .andGivenCommands(EnrolMember.forCustomer(CUSTOMER))
                .whenTimeAdvancesTo(at("2025-04-01T00:00:00Z"))
                .expectNoEvents()
                .expectTriggeredDeadlinesWithName(Membership.POINTS_EXPIRY, Membership.POINTS_EXPIRY, Membership.POINTS_EXPIRY)
                .expectScheduledDeadlineWithName(at("2025-05-01T00:00:00Z"), Membership.POINTS_EXPIRY);
    }

    @Test
    void theExpiryRunOnDemandExpiresWhatIsDue() {
        fixture.givenCurrentTime(at("2027-02-03T10:00:00Z"))
                .andGiven(enrolled(), earnedFromSale("s-1", 500, at("2025-01-20T12:00:00Z"), 500))
                .when(new ExpirePoints(ID))
                .expectEvents(new PointsExpired(ID, CUSTOMER, 500, at("2025-02-01T00:00:00Z"), at("2027-02-03T10:00:00Z"), 0));
    }

    @Test
    void pointsNotYetDueStay() {
        fixture.givenCurrentTime(at("2027-01-31T23:59:59Z"))
                .andGiven(enrolled(), earnedFromSale("s-1", 500, at("2025-01-20T12:00:00Z"), 500))
                .when(new ExpirePoints(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSecondRunExpiresNothingMore() {
        fixture.givenCurrentTime(at("2027-02-03T10:00:00Z"))
                .andGiven(enrolled(), earnedFromSale("s-1", 500, at("2025-01-20T12:00:00Z"), 500))
                .andGivenCommands(new ExpirePoints(ID))
                .when(new ExpirePoints(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
