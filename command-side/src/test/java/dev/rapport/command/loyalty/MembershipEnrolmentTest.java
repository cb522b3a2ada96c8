package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ENROLLED;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static dev.rapport.command.loyalty.MembershipFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class MembershipEnrolmentTest {

    private final AggregateTestFixture<Membership> fixture = MembershipFixtures.fixture();

    @Test
    void enrolmentRecordsTheMemberNumberAndTheAnniversary() {
        fixture.givenCurrentTime(ENROLLED)
                .when(EnrolMember.forCustomer(CUSTOMER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberEnrolled(ID, CUSTOMER, MembershipIds.memberNumber(ID), ENROLLED));
    }

    @Test
    void enrolmentSchedulesTheMonthlyExpiryAndTheFirstYearlyReview() {
        fixture.givenCurrentTime(ENROLLED)
                .when(EnrolMember.forCustomer(CUSTOMER))
                .expectScheduledDeadline(at("2025-02-01T00:00:00Z"), new ExpirePoints(ID))
                .expectScheduledDeadlineWithName(at("2025-02-01T00:00:00Z"), Membership.POINTS_EXPIRY)
                .expectScheduledDeadline(at("2026-01-10T08:00:00Z"), new ReviewTier(ID))
                .expectScheduledDeadlineWithName(at("2026-01-10T08:00:00Z"), Membership.TIER_REVIEW);
    }

    @Test
    void aMembershipIdNotDerivedFromTheCustomerIsRefused() {
        fixture.givenCurrentTime(ENROLLED)
                .when(new EnrolMember("some-other-id", CUSTOMER))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void enrolmentNeedsACustomer() {
        var given = fixture.givenNoPriorActivity();
        assertThatThrownBy(() -> given.when(new EnrolMember(ID, " ")))
                .isInstanceOf(JSR303ViolationException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    void aCommandForSomeoneWhoIsNotAMemberFindsNoMembership() {
        fixture.givenNoPriorActivity()
                .when(new RedeemPoints(ID, 10, "reward"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void theMembershipIdIsTheSameForTheSameCustomerAndDiffersBetweenCustomers() {
        assertThat(MembershipIds.forCustomer("c-1")).isEqualTo(MembershipIds.forCustomer("c-1"))
                .isNotEqualTo(MembershipIds.forCustomer("c-2"));
        assertThat(EnrolMember.forCustomer("c-1").membershipId()).isEqualTo(MembershipIds.forCustomer("c-1"));
    }

    @Test
    void theMemberNumberIsRpAndTenDigitsAndStable() {
        assertThat(MembershipIds.memberNumber(ID)).matches("RP\\d{10}").isEqualTo(MembershipIds.memberNumber(ID));
        assertThat(MembershipIds.memberNumber(MembershipIds.forCustomer("c-2"))).isNotEqualTo(MembershipIds.memberNumber(ID));
    }
}
