package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.campaignBonus;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static dev.rapport.command.loyalty.MembershipFixtures.upgraded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierUpgraded;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipTierUpgradeTest {

    private static final Instant NOW = at("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = at("2028-04-01T00:00:00Z");

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void crossingThePointsThresholdUpgradesAtOnce() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "2000", at("2025-11-20T12:00:00Z")))
                .when(sale("s-2", "600", NOW))
                .expectEvents(
                        new PointsEarned(ID, CUSTOMER, 600, true, PointsSource.SALE, "s-2", NOW, EXPIRES, 2600, 600, cny("600")),
                        new TierUpgraded(ID, CUSTOMER, Tier.BASE, Tier.SILVER, 2600, 2,
                                "2600 qualifying points reach the 2500-point threshold of SILVER (rolling 12 months)", NOW));
    }

    @Test
    void theTenthPurchaseUpgradesToSilver() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(smallSales(9))
                .when(sale("s-10", "10", NOW))
                .expectEvents(
                        new PointsEarned(ID, CUSTOMER, 10, true, PointsSource.SALE, "s-10", NOW, EXPIRES, 100, 10, cny("10")),
                        new TierUpgraded(ID, CUSTOMER, Tier.BASE, Tier.SILVER, 100, 10,
                                "10 purchases reach the 10-purchase threshold of SILVER (rolling 12 months)", NOW));
    }

    @Test
    void aBigEnoughSaleJumpsSeveralTiersInOneUpgrade() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(sale("s-1", "30000", NOW))
                .expectEvents(
                        new PointsEarned(ID, CUSTOMER, 30000, true, PointsSource.SALE, "s-1", NOW, EXPIRES, 30000, 30000,
                                cny("30000")),
                        new TierUpgraded(ID, CUSTOMER, Tier.BASE, Tier.PLATINUM, 30000, 1,
                                "30000 qualifying points reach the 25000-point threshold of PLATINUM (rolling 12 months)", NOW));
    }

    @Test
    void bonusPointsNeverUpgrade() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(campaignBonus(50_000, "LAUNCH"))
                .when(sale("s-1", "100", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 100, true, PointsSource.SALE, "s-1", NOW, EXPIRES, 50_100,
                        100, cny("100")));
    }

    @Test
    void theTierMultiplierDoesNotCountTowardQualification() {
        // 9,000 yuan at SILVER earn 11,250 points, but only the 9,000 base points qualify: short of GOLD's 10,000
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.SILVER, at("2025-06-01T00:00:00Z")))
                .andGivenCommands(sale("s-1", "8000", at("2025-12-01T12:00:00Z")))
                .when(sale("s-2", "1000", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 1250, true, PointsSource.SALE, "s-2", NOW, EXPIRES, 11_250,
                        1000, cny("1000")));
    }

    @Test
    void purchasesOlderThanTwelveMonthsNoLongerQualify() {
        // the February 2025 sale fell out of the window that started on 1 March 2025
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(
                        sale("s-old", "2000", at("2025-02-15T12:00:00Z")),
                        sale("s-recent", "2000", at("2025-12-01T12:00:00Z")))
                .when(sale("s-now", "400", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 400, true, PointsSource.SALE, "s-now", NOW, EXPIRES, 4400,
                        400, cny("400")));
    }

    @Test
    void earningNeverDowngrades() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.GOLD, at("2025-03-01T00:00:00Z")))
                .when(sale("s-1", "100", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 150, true, PointsSource.SALE, "s-1", NOW, EXPIRES, 150,
                        100, cny("100")));
    }

    @Test
    void aMemberAlreadyAtTheQualifiedTierIsNotUpgradedAgain() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(sale("s-1", "3000", at("2026-02-01T12:00:00Z")))
                .when(sale("s-2", "100", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 125, true, PointsSource.SALE, "s-2", NOW, EXPIRES, 3125,
                        100, cny("100")));
    }

    private static List<Object> smallSales(int count) {
        List<Object> sales = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sales.add(sale("s-" + i, "10", at("2025-10-01T12:00:00Z").plusSeconds(i * 86_400L)));
        }
        return sales;
    }
}
