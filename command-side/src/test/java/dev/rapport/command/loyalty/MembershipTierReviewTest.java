package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ENROLLED;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static dev.rapport.command.loyalty.MembershipFixtures.earnedFromSale;
import static dev.rapport.command.loyalty.MembershipFixtures.enrolled;
import static dev.rapport.command.loyalty.MembershipFixtures.granted;
import static dev.rapport.command.loyalty.MembershipFixtures.upgraded;
import static dev.rapport.command.loyalty.MembershipFixtures.violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierRetained;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipTierReviewTest {

    /** The first enrolment anniversary. */
    private static final Instant ANNIVERSARY = at("2026-01-10T08:00:00Z");

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void aMemberWhoseYearStillQualifiesKeepsTheTier() {
        fixture.givenCurrentTime(ANNIVERSARY)
                .andGiven(enrolled(), earnedFromSale("s-1", 12_000, at("2025-04-01T12:00:00Z"), 12_000),
                        upgraded(Tier.BASE, Tier.GOLD, at("2025-04-01T12:00:00Z")))
                .when(new ReviewTier(ID))
                .expectEvents(new TierRetained(ID, CUSTOMER, Tier.GOLD, 12_000, 1, ANNIVERSARY));
    }

    @Test
    void purchasesAloneCanKeepTheTier() {
        List<Object> given = new ArrayList<>(List.of(enrolled()));
        for (int i = 1; i <= 30; i++) {
            given.add(earnedFromSale("s-" + i, 10, at("2025-02-01T12:00:00Z").plusSeconds(i * 86_400L), i * 10L));
        }
        given.add(upgraded(Tier.SILVER, Tier.GOLD, at("2025-03-05T12:00:00Z")));
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(given)
                .when(new ReviewTier(ID))
                .expectEvents(new TierRetained(ID, CUSTOMER, Tier.GOLD, 300, 30, ANNIVERSARY));
    }

    @Test
    void aBaseMemberIsReviewedTooSoAuditorsSeeEveryReview() {
        fixture.givenCurrentTime(ANNIVERSARY).andGiven(enrolled())
                .when(new ReviewTier(ID))
                .expectEvents(new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, ANNIVERSARY));
    }

    @Test
    void aMemberFarBelowTheTierGoesDownOneTierOnly() {
        fixture.givenCurrentTime(ANNIVERSARY)
                .andGiven(enrolled(), earnedFromSale("s-1", 100, at("2025-02-01T12:00:00Z"), 100),
                        upgraded(Tier.BASE, Tier.PLATINUM, at("2025-02-01T12:00:00Z")))
                .when(new ReviewTier(ID))
                .expectEvents(new TierDowngraded(ID, CUSTOMER, Tier.PLATINUM, Tier.GOLD, 100, 1,
                        "Yearly review: 100 qualifying points and 1 purchases in the last 12 months are below PLATINUM "
                                + "(25000 points or 60 purchases); down one tier", ANNIVERSARY));
    }

    @Test
    void purchasesOutsideTheLastTwelveMonthsDoNotCount() {
        // the sale of 10 January 2025 08:00 is exactly twelve months old: out of the window
        fixture.givenCurrentTime(ANNIVERSARY)
                .andGiven(enrolled(), earnedFromSale("s-1", 3000, ENROLLED, 3000), upgraded(Tier.BASE, Tier.SILVER, ENROLLED))
                .when(new ReviewTier(ID))
                .expectEvents(new TierDowngraded(ID, CUSTOMER, Tier.SILVER, Tier.BASE, 0, 0,
                        "Yearly review: 0 qualifying points and 0 purchases in the last 12 months are below SILVER "
                                + "(2500 points or 10 purchases); down one tier", ANNIVERSARY));
    }

    @Test
    void aGrantedTierThatHasNotExpiredIsNotReviewedDown() {
        fixture.givenCurrentTime(ANNIVERSARY)
                .andGiven(enrolled(), granted(Tier.BASE, Tier.GOLD, at("2025-06-01T00:00:00Z"), at("2026-06-30T00:00:00Z")))
                .when(new ReviewTier(ID))
                .expectEvents(new TierRetained(ID, CUSTOMER, Tier.GOLD, 0, 0, ANNIVERSARY));
    }

    @Test
    void aReviewBeforeTheAnniversaryIsRefused() {
        fixture.givenCurrentTime(ANNIVERSARY.minusSeconds(1)).andGiven(enrolled())
                .when(new ReviewTier(ID))
                .expectException(violation("review-not-due"))
                .expectNoEvents();
    }

    @Test
    void afterAReviewTheNextIsDueOnTheNextAnniversary() {
        fixture.givenCurrentTime(at("2026-06-01T00:00:00Z"))
                .andGiven(enrolled(), new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, ANNIVERSARY))
                .when(new ReviewTier(ID))
                .expectException(violation("review-not-due"))
                .expectExceptionMessage("The next tier review is due on the enrolment anniversary, 2027-01-10T08:00:00Z");
    }

    @Test
    void aReviewHeldLateOnDemandSchedulesTheNextAnniversary() {
        fixture.givenCurrentTime(at("2026-02-01T00:00:00Z")).andGiven(enrolled())
                .when(new ReviewTier(ID))
                .expectEvents(new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, at("2026-02-01T00:00:00Z")))
                .expectScheduledDeadline(at("2027-01-10T08:00:00Z"), new ReviewTier(ID));
    }

    @Test
    void theDeadlineReviewsOnEachAnniversaryOneTierAtATime() {
        fixture.givenCurrentTime(ENROLLED)
                .andGivenCommands(EnrolMember.forCustomer(CUSTOMER))
                .andGiven(upgraded(Tier.BASE, Tier.PLATINUM, at("2025-02-01T00:00:00Z")))
                .whenTimeAdvancesTo(at("2027-01-10T08:00:00Z"))
                .expectEvents(
                        new TierDowngraded(ID, CUSTOMER, Tier.PLATINUM, Tier.GOLD, 0, 0,
                                "Yearly review: 0 qualifying points and 0 purchases in the last 12 months are below PLATINUM "
                                        + "(25000 points or 60 purchases); down one tier", ANNIVERSARY),
                        new TierDowngraded(ID, CUSTOMER, Tier.GOLD, Tier.SILVER, 0, 0,
                                "Yearly review: 0 qualifying points and 0 purchases in the last 12 months are below GOLD "
                                        + "(10000 points or 30 purchases); down one tier", at("2027-01-10T08:00:00Z")))
                .expectScheduledDeadline(at("2028-01-10T08:00:00Z"), new ReviewTier(ID));
    }

    @Test
    void theDeadlineOfAReviewAlreadyHeldDoesNothing() {
        fixture.givenCurrentTime(ENROLLED)
                .andGivenCommands(EnrolMember.forCustomer(CUSTOMER))
                .andGiven(new TierRetained(ID, CUSTOMER, Tier.BASE, 0, 0, ANNIVERSARY))
                .whenTimeAdvancesTo(ANNIVERSARY)
                .expectNoEvents()
                .expectNoScheduledDeadlineWithName(at("2027-01-10T08:00:00Z"), Membership.TIER_REVIEW);
    }
}
