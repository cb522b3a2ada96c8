package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.campaignBonus;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static dev.rapport.command.loyalty.MembershipFixtures.upgraded;
import static dev.rapport.command.loyalty.MembershipFixtures.violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.rapport.events.common.Money;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.sales.SalesChannel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MembershipEarningTest {

    private static final Instant NOW = at("2025-06-15T10:00:00Z");
    private static final Instant BOUGHT = at("2025-06-14T12:00:00Z");
    /** June 2025 points: the month after is July 2025, plus 24 months. */
    private static final Instant EXPIRES = at("2027-07-01T00:00:00Z");

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void aSaleEarnsOneQualifyingPointPerYuanFlooredAtBase() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", "1234.56", BOUGHT))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 1234, true, PointsSource.SALE, "s-1", BOUGHT, EXPIRES, 1234,
                        1234, cny("1234.56")));
    }

    @ParameterizedTest(name = "{0}: 1,000 yuan earn {1} points")
    @CsvSource({"SILVER, 1250", "GOLD, 1500", "PLATINUM, 2000"})
    void theTierMultiplierApplies(Tier tier, long points) {
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, tier, NOW.minusSeconds(60)))
                .when(sale("s-1", "1000.00", BOUGHT))
                .expectEvents(new PointsEarned(ID, CUSTOMER, points, true, PointsSource.SALE, "s-1", BOUGHT, EXPIRES, points,
                        1000, cny("1000.00")));
    }

    @Test
    void pointsAreFlooredOnceAfterTheMultipliers() {
        // 99.99 × 1.25 = 124.9875
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.SILVER, NOW.minusSeconds(60)))
                .when(sale("s-1", "99.99", BOUGHT))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 124, true, PointsSource.SALE, "s-1", BOUGHT, EXPIRES, 124,
                        99, cny("99.99")));
    }

    @Test
    void theChannelMultiplierApplies() {
        var appDoublesPoints = new LoyaltyProperties(null, null, null, null, Map.of(SalesChannel.APP, new BigDecimal("2")), null, null);
        MembershipFixtures.fixture(appDoublesPoints).givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.SILVER, NOW))
                .when(sale("s-1", cny("1000"), SalesChannel.APP, BOUGHT))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 2500, true, PointsSource.SALE, "s-1", BOUGHT, EXPIRES, 2500,
                        1000, cny("1000")));
    }

    @Test
    void channelBonusPointsDoNotQualifyForTiers() {
        var appDoublesPoints = new LoyaltyProperties(null, null, null, null, Map.of(SalesChannel.APP, new BigDecimal("2")), null, null);
        // 4,000 points credited, but only 2,000 base points qualify: short of SILVER's 2,500
        MembershipFixtures.fixture(appDoublesPoints).givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", cny("2000"), SalesChannel.APP, BOUGHT))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 4000, true, PointsSource.SALE, "s-1", BOUGHT, EXPIRES, 4000,
                        2000, cny("2000")));
    }

    @Test
    void aSaleInAnotherCurrencyIsConvertedAtTheConfiguredRate() {
        var withDollars = new LoyaltyProperties(null, Map.of("USD", new BigDecimal("7.2")), null, null, null, null, null);
        MembershipFixtures.fixture(withDollars).givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", Money.of("100.00", "USD"), SalesChannel.WEB, BOUGHT))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 720, true, PointsSource.SALE, "s-1", BOUGHT, EXPIRES, 720,
                        720, Money.of("100.00", "USD")));
    }

    @Test
    void aSaleInACurrencyWithoutRateIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", Money.of("100.00", "EUR"), SalesChannel.WEB, BOUGHT))
                .expectException(violation("unknown-currency"))
                .expectNoEvents();
    }

    @Test
    void theSameSaleEarnsOnce() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "500", BOUGHT))
                .when(sale("s-1", "500", BOUGHT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theBalanceAfterAddsUp() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "500", BOUGHT))
                .when(sale("s-2", "300", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 300, true, PointsSource.SALE, "s-2", NOW, EXPIRES, 800,
                        300, cny("300")));
    }

    @Test
    void aSaleBeforeEnrolmentEarnsNothing() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", "500", at("2025-01-09T12:00:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSaleWhosePointsWouldAlreadyHaveExpiredEarnsNothing() {
        // bought in January 2025: its points expired on 1 February 2027
        fixture.givenCurrentTime(at("2027-03-01T00:00:00Z")).andGiven(enrolled())
                .when(sale("s-1", "500", at("2025-01-15T12:00:00Z")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSaleTooSmallForAPointRecordsNothing() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", "0.99", BOUGHT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSaleWorthNothingEarnsNothingWithoutAnError() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-free", "0.00", BOUGHT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNegativeAmountIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", "-10", BOUGHT))
                .expectException(violation("negative-amount"));
    }

    @Test
    void anotherCustomersSaleIsRefused() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(new EarnPointsForSale(ID, "c-other", "s-1", cny("100"), SalesChannel.STORE, BOUGHT))
                .expectException(violation("not-this-members-sale"));
    }

    @Test
    void bonusPointsAreCreditedAsNonQualifyingAndExpireLikeOthers() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(campaignBonus(500, "SPRING-2025"))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 500, false, PointsSource.CAMPAIGN, "SPRING-2025", NOW, EXPIRES, 500,
                        0, null));
    }

    @Test
    void aBonusReferenceIsCreditedOncePerSource() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(campaignBonus(500, "X-1"))
                .when(campaignBonus(500, "X-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameReferenceFromAnotherSourceIsAnotherBonus() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(campaignBonus(500, "X-1"))
                .when(new AwardBonusPoints(ID, 200, PointsSource.COMPLAINT_COMPENSATION, "X-1"))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 200, false, PointsSource.COMPLAINT_COMPENSATION, "X-1", NOW, EXPIRES, 700,
                        0, null));
    }

    @Test
    void salePointsCannotBeAwardedAsABonus() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(new AwardBonusPoints(ID, 200, PointsSource.SALE, "s-9"))
                .expectException(violation("not-a-bonus-source"))
                .expectNoEvents();
    }
}
