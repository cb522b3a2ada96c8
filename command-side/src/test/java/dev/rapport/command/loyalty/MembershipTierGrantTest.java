package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.cny;
import static dev.rapport.command.loyalty.MembershipFixtures.earnedFromSale;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.granted;
import static dev.rapport.command.loyalty.MembershipFixtures.sale;
import static dev.rapport.command.loyalty.MembershipFixtures.upgraded;
import static dev.rapport.command.loyalty.MembershipFixtures.violation;

import java.time.Instant;

import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierGrantExpired;
import dev.rapport.events.loyalty.TierGranted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipTierGrantTest {

    private static final Instant NOW = at("2025-06-15T10:00:00Z");
    private static final Instant GRANT_ENDS = at("2025-12-31T23:59:59Z");

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void aGrantRecordsWhoWhyAndUntilWhenAndSchedulesItsEnd() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(grant(Tier.GOLD, GRANT_ENDS))
                .expectEvents(new TierGranted(ID, CUSTOMER, Tier.BASE, Tier.GOLD, "Status match: partner airline Gold",
                        "alice@crm", NOW, GRANT_ENDS))
                .expectScheduledDeadline(GRANT_ENDS, new GrantExpiryDue(ID, GRANT_ENDS))
                .expectScheduledDeadlineWithName(GRANT_ENDS, Membership.TIER_GRANT_EXPIRY);
    }

    @Test
    void theGrantedTiersMultiplierApplies() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), granted(Tier.BASE, Tier.GOLD, NOW, GRANT_ENDS))
                .when(sale("s-1", "1000", NOW))
                .expectEvents(new PointsEarned(ID, CUSTOMER, 1500, true, PointsSource.SALE, "s-1", NOW,
                        at("2027-07-01T00:00:00Z"), 1500, 1000, cny("1000")));
    }

    @Test
    void whenTheGrantEndsTheMemberFallsBackToTheTierTheirFiguresQualifyFor() {
        fixture.givenCurrentTime(NOW)
                .andGiven(enrolled(), earnedFromSale("s-1", 3000, at("2025-05-01T12:00:00Z"), 3000),
                        upgraded(Tier.BASE, Tier.SILVER, at("2025-05-01T12:00:00Z")))
                .andGivenCommands(grant(Tier.PLATINUM, GRANT_ENDS))
                .whenTimeAdvancesTo(GRANT_ENDS)
                .expectEvents(new TierGrantExpired(ID, CUSTOMER, Tier.PLATINUM, Tier.SILVER, 3000, 1, GRANT_ENDS));
    }

    @Test
    void withoutFiguresTheMemberFallsBackToBase() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(grant(Tier.GOLD, GRANT_ENDS))
                .whenTimeAdvancesTo(GRANT_ENDS)
                .expectEvents(new TierGrantExpired(ID, CUSTOMER, Tier.GOLD, Tier.BASE, 0, 0, GRANT_ENDS));
    }

    @Test
    void aLaterGrantReplacesTheEarlierOnesEnd() {
        Instant extended = at("2026-06-30T00:00:00Z");
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(grant(Tier.GOLD, GRANT_ENDS), grant(Tier.GOLD, extended))
                .whenTimeAdvancesTo(extended)
                .expectEvents(new TierGrantExpired(ID, CUSTOMER, Tier.GOLD, Tier.BASE, 0, 0, extended));
    }

    @Test
    void anUpgradeEarnedAboveTheGrantedTierOvertakesTheGrant() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .andGivenCommands(grant(Tier.GOLD, GRANT_ENDS), sale("s-1", "25000", NOW))
                .whenTimeAdvancesTo(GRANT_ENDS)
                .expectNoEvents();
    }

    @Test
    void theCurrentTierCanBeGrantedToProtectItFromTheReview() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.GOLD, at("2025-03-01T00:00:00Z")))
                .when(grant(Tier.GOLD, GRANT_ENDS))
                .expectEvents(new TierGranted(ID, CUSTOMER, Tier.GOLD, Tier.GOLD, "Status match: partner airline Gold",
                        "alice@crm", NOW, GRANT_ENDS));
    }

    @Test
    void aTierBelowTheCurrentOneCannotBeGranted() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled(), upgraded(Tier.BASE, Tier.GOLD, at("2025-03-01T00:00:00Z")))
                .when(grant(Tier.SILVER, GRANT_ENDS))
                .expectException(violation("grant-below-current-tier"))
                .expectNoEvents();
    }

    @Test
    void baseCannotBeGranted() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(grant(Tier.BASE, GRANT_ENDS))
                .expectException(violation("nothing-to-grant"));
    }

    @Test
    void aGrantMustEndInTheFuture() {
        fixture.givenCurrentTime(NOW).andGiven(enrolled())
                .when(grant(Tier.GOLD, NOW))
                .expectException(violation("grant-expiry-not-in-future"))
                .expectNoEvents();
    }

    private static GrantTier grant(Tier tier, Instant expiresAt) {
        return new GrantTier(ID, tier, "Status match: partner airline Gold", "alice@crm", expiresAt);
    }
}
