package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static dev.rapport.command.loyalty.MembershipFixtures.earnedFromSale;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.reversedForRefund;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static dev.rapport.command.loyalty.MembershipFixtures.violation;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import dev.rapport.events.loyalty.PointsExpired;
import dev.rapport.events.loyalty.PointsRedeemed;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipRedemptionTest {

    private static final Instant NOW = at("2025-06-15T10:00:00Z");

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void redeemingSpendsFromTheBalance() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "500", at("2025-02-01T12:00:00Z")), sale("s-2", "300", at("2025-03-01T12:00:00Z")))
                .when(new RedeemPoints(ID, 600, "reward/lounge"))
                .expectEvents(new PointsRedeemed(ID, CUSTOMER, 600, "reward/lounge", NOW, 200));
    }

    @Test
    void theWholeBalanceCanBeRedeemed() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "500", at("2025-02-01T12:00:00Z")))
                .when(new RedeemPoints(ID, 500, "reward/upgrade"))
                .expectEvents(new PointsRedeemed(ID, CUSTOMER, 500, "reward/upgrade", NOW, 0));
    }

    @Test
    void redeemingMoreThanTheBalanceIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "500", at("2025-02-01T12:00:00Z")))
                .when(new RedeemPoints(ID, 501, "reward/upgrade"))
                .expectException(violation("insufficient-points"))
                .expectExceptionMessage("Cannot redeem 501 points: the balance is 500")
                .expectNoEvents();
    }

    @Test
    void nothingCanBeRedeemedFromAnEmptyBalance() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(new RedeemPoints(ID, 1, "reward"))
                .expectException(violation("insufficient-points"));
    }

    @Test
    void redeemingNothingIsInvalid() {
        var given = fixture.givenCurrentTime(NOW).andGiven(enrolled());
        assertThatThrownBy(() -> given.when(new RedeemPoints(ID, 0, "reward")))
                .isInstanceOf(JSR303ViolationException.class)
                .hasMessageContaining("points");
    }

    @Test
    void theOldestPointsAreSpentFirstSoTheyCannotExpireAfterwards() {
        // 500 from January (expire 1 Feb 2027) and 300 from March (expire 1 Apr 2027); 600 redeemed take all of January's
        fixture.givenCurrentTime(at("2027-02-01T00:00:00Z"))
                .andGiven(enrolled(),
                        earnedFromSale("s-1", 500, at("2025-01-20T12:00:00Z"), 500),
                        earnedFromSale("s-2", 300, at("2025-03-10T12:00:00Z"), 800),
                        new PointsRedeemed(ID, CUSTOMER, 600, "reward", at("2025-04-01T09:00:00Z"), 200))
                .when(new ExpirePoints(ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void whatIsLeftOfTheYoungerPointsExpiresInItsMonth() {
        fixture.givenCurrentTime(at("2027-04-01T00:00:00Z"))
                .andGiven(enrolled(),
                        earnedFromSale("s-1", 500, at("2025-01-20T12:00:00Z"), 500),
                        earnedFromSale("s-2", 300, at("2025-03-10T12:00:00Z"), 800),
                        new PointsRedeemed(ID, CUSTOMER, 600, "reward", at("2025-04-01T09:00:00Z"), 200))
                .when(new ExpirePoints(ID))
                .expectEvents(new PointsExpired(ID, CUSTOMER, 200, at("2025-04-01T00:00:00Z"), at("2027-04-01T00:00:00Z"), 0));
    }

    @Test
    void aNegativeBalanceBlocksRedemption() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(
                        sale("s-1", "1000", at("2025-02-01T12:00:00Z")),
                        sale("s-2", "100", at("2025-03-01T12:00:00Z")),
                        new RedeemPoints(ID, 900, "reward"),
                        new ReversePointsForRefund(ID, "s-1", "r-1", cny("1000")))
                .when(new RedeemPoints(ID, 1, "reward"))
                .expectException(violation("balance-negative"))
                .expectExceptionMessage("The balance is -800 after a refund; nothing can be redeemed until it is positive")
                .expectNoEvents();
    }

    @Test
    void newPointsPayOffTheDebtFirstAndRedemptionResumes() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(
                        sale("s-1", "1000", at("2025-02-01T12:00:00Z")),
                        new RedeemPoints(ID, 1000, "reward"),
                        new ReversePointsForRefund(ID, "s-1", "r-1", cny("1000")),
                        sale("s-2", "1300", at("2025-06-01T12:00:00Z")))
                .when(new RedeemPoints(ID, 300, "reward"))
                .expectEvents(new PointsRedeemed(ID, CUSTOMER, 300, "reward", NOW, 0));
    }

    @Test
    void pointsThatPaidOffDebtDoNotExpireAgain() {
        // of June's 1,300 points, 1,000 paid back the reversed sale: only 300 are left to expire
        fixture.givenCurrentTime(at("2027-07-01T00:00:00Z"))
                .andGiven(enrolled(),
                        earnedFromSale("s-1", 1000, at("2025-02-01T12:00:00Z"), 1000),
                        new PointsRedeemed(ID, CUSTOMER, 1000, "reward", at("2025-03-01T09:00:00Z"), 0),
                        reversedForRefund("s-1", "r-1", 1000, "1000", at("2025-04-01T09:00:00Z"), -1000),
                        earnedFromSale("s-2", 1300, at("2025-06-01T12:00:00Z"), 300))
                .when(new ExpirePoints(ID))
                .expectEvents(new PointsExpired(ID, CUSTOMER, 300, at("2025-07-01T00:00:00Z"), at("2027-07-01T00:00:00Z"), 0));
    }
}
