package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static dev.rapport.command.loyalty.MembershipFixtures.upgraded;
import static dev.rapport.command.loyalty.MembershipFixtures.violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rapport.events.common.Money;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierUpgraded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipReversalTest {

    private static final Instant NOW = at("2025-06-15T10:00:00Z");
    private static final Instant BOUGHT = at("2025-05-02T12:00:00Z");
    private static final Instant EXPIRES = at("2027-07-01T00:00:00Z");

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void aPartialRefundReversesItsShareOfTheSalesPoints() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "1000", BOUGHT))
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", cny("250")))
                .expectEvents(new PointsReversed(ID, CUSTOMER, 250, "s-1", "r-1", NOW, 750, 250, cny("250")));
    }

    @Test
    void theShareIsOfThePointsTheSaleEarnedWithItsMultiplier() {
        // earned 1,250 at SILVER; 333.33 of 1,000 refunded: floor(416.6625)
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.SILVER, at("2025-03-01T00:00:00Z")))
                .andGivenCommands(sale("s-1", "1000", BOUGHT))
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", cny("333.33")))
                .expectEvents(new PointsReversed(ID, CUSTOMER, 416, "s-1", "r-1", NOW, 834, 333, cny("333.33")));
    }

    @Test
    void partialRefundsAddingUpToTheSaleReverseExactlyWhatItEarned() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.SILVER, at("2025-03-01T00:00:00Z")))
                .andGivenCommands(
                        sale("s-1", "1000", BOUGHT),
                        new ReversePointsForRefund(ID, "s-1", "r-1", cny("333.33")),
                        new ReversePointsForRefund(ID, "s-1", "r-2", cny("333.33")))
                .when(new ReversePointsForRefund(ID, "s-1", "r-3", cny("333.34")))
                // 416 + 417 already reversed; the last third takes the remaining 417
                .expectEvents(new PointsReversed(ID, CUSTOMER, 417, "s-1", "r-3", NOW, 0, 334, cny("333.34")));
    }

    @Test
    void noMoreThanTheSaleEarnedIsEverReversed() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "1000", BOUGHT), new ReversePointsForRefund(ID, "s-1", "r-1", cny("800")))
                .when(new ReversePointsForRefund(ID, "s-1", "r-2", cny("500")))
                .expectEvents(new PointsReversed(ID, CUSTOMER, 200, "s-1", "r-2", NOW, 0, 200, cny("500")));
    }

    @Test
    void aFullyReversedSaleHasNothingLeftToReverse() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "1000", BOUGHT), new ReversePointsForRefund(ID, "s-1", "r-1", cny("1000")))
                .when(new ReversePointsForRefund(ID, "s-1", "r-2", cny("10")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefundOfASaleThatEarnedNothingHereReversesNothing() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(new ReversePointsForRefund(ID, "s-unknown", "r-1", cny("100")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameRefundReversesOnce() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "1000", BOUGHT), new ReversePointsForRefund(ID, "s-1", "r-1", cny("250")))
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", cny("250")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReversalMayTakeTheBalanceBelowZero() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "1000", BOUGHT), new RedeemPoints(ID, 1000, "reward"))
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", cny("600")))
                .expectEvents(new PointsReversed(ID, CUSTOMER, 600, "s-1", "r-1", NOW, -600, 600, cny("600")));
    }

    @Test
    void aRefundInAnotherCurrencyThanTheSaleIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "1000", BOUGHT))
                .when(new ReversePointsForRefund(ID, "s-1", "r-1", Money.of("10", "USD")))
                .expectException(violation("refund-currency-mismatch"))
                .expectNoEvents();
    }

    @Test
    void aRefundLowersTheQualifyingPointsOfItsSale() {
        // 2,000 + 1,000 would reach SILVER; half of the first sale was refunded, so only 2,000 qualify
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "2000", BOUGHT), new ReversePointsForRefund(ID, "s-1", "r-1", cny("1000")))
                .when(sale("s-2", "1000", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 1000, true, PointsSource.SALE, "s-2", NOW, EXPIRES, 2000,
                        1000, cny("1000")));
    }

    @Test
    void aFullyRefundedSaleIsNoLongerAPurchase() {
        List<Object> given = nineSales();
        given.add(new ReversePointsForRefund(ID, "s-1", "r-1", cny("10")));
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(given)
                .when(sale("s-10", "10", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 10, true, PointsSource.SALE, "s-10", NOW, EXPIRES, 90,
                        10, cny("10")));
    }

    @Test
    void aPartlyRefundedSaleStillCountsAsAPurchase() {
        List<Object> given = nineSales();
        given.add(new ReversePointsForRefund(ID, "s-1", "r-1", cny("5")));
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(given)
                .when(sale("s-10", "10", NOW))
                .expectEvents(
                        new PointsEarned(ID, CUSTOMER, 10, true, PointsSource.SALE, "s-10", NOW, EXPIRES, 95, 10, cny("10")),
                        new TierUpgraded(ID, CUSTOMER, Tier.BASE, Tier.SILVER, 95, 10,
                                "10 purchases reach the 10-purchase threshold of SILVER (rolling 12 months)", NOW));
    }

    private static List<Object> nineSales() {
        List<Object> sales = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            sales.add(sale("s-" + i, "10", BOUGHT.plusSeconds(i * 3600L)));
        }
        return sales;
    }
}
