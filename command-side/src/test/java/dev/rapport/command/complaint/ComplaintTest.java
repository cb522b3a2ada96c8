package dev.rapport.command.complaint;

import static dev.rapport.command.complaint.Complaint.ACKNOWLEDGE_DEADLINE;
import static dev.rapport.command.complaint.Complaint.FOLLOW_UP_DEADLINE;
import static dev.rapport.command.complaint.Complaint.RESOLVE_DEADLINE;
import static dev.rapport.events.complaint.SlaDeadline.ACKNOWLEDGE;
import static dev.rapport.events.complaint.SlaDeadline.FOLLOW_UP;
import static dev.rapport.events.complaint.SlaDeadline.RESOLVE;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import dev.rapport.command.FixtureClock;
import dev.rapport.command.RuleViolations;
import dev.rapport.command.customer.ForActiveCustomer;
import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintAcknowledged;
import dev.rapport.events.complaint.ComplaintAssigned;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintEscalated;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintFollowedUp;
import dev.rapport.events.complaint.ComplaintReopened;
import dev.rapport.events.complaint.ComplaintResolutionConfirmed;
import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComplaintTest {

    private static final String ID = "cmp-1";
    private static final String CUSTOMER = "c-1";
    private static final ComplaintSla DEFAULT_SLA = new ComplaintSla(ComplaintSlaProperties.defaults());

    // a MEDIUM complaint under the default SLA: acknowledge within 24 h, resolve within 7 days, follow up within 3 days
    private static final Instant FILED_AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant ACKNOWLEDGE_DUE = FILED_AT.plus(ofHours(24));
    private static final Instant RESOLVE_DUE = FILED_AT.plus(ofDays(7));
    private static final Instant ACKNOWLEDGED_AT = FILED_AT.plus(ofHours(2));
    private static final Instant RESOLVED_AT = FILED_AT.plus(ofDays(2));
    private static final Instant FOLLOW_UP_DUE = RESOLVED_AT.plus(ofDays(3));

    private AggregateTestFixture<Complaint> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(DEFAULT_SLA);
        fixture.registerCommandDispatchInterceptor(new BeanValidationInterceptor<>());
    }

    private static AggregateTestFixture<Complaint> fixtureWith(ComplaintSla sla) {
        AggregateTestFixture<Complaint> fixture = new AggregateTestFixture<>(Complaint.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource(sla);
        return fixture;
    }

    @Nested
    class Filing {

        @Test
        void recordsTheComplaintWithItsDueTimes() {
            fixture.givenCurrentTime(FILED_AT)
                    .when(file(Severity.MEDIUM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(filed());
        }

        @Test
        void schedulesTheAcknowledgeAndResolveDeadlines() {
            fixture.givenCurrentTime(FILED_AT)
                    .when(file(Severity.MEDIUM))
                    .expectScheduledDeadlineWithName(ACKNOWLEDGE_DUE, ACKNOWLEDGE_DEADLINE)
                    .expectScheduledDeadline(ACKNOWLEDGE_DUE, new SlaDue(ACKNOWLEDGE, ACKNOWLEDGE_DUE))
                    .expectScheduledDeadlineWithName(RESOLVE_DUE, RESOLVE_DEADLINE)
                    .expectScheduledDeadline(RESOLVE_DUE, new SlaDue(RESOLVE, RESOLVE_DUE))
                    .expectNoScheduledDeadlineOfType(FOLLOW_UP_DUE, SlaDue.class);
        }

        @ParameterizedTest(name = "{0}: acknowledge within {1}, resolve within {2}")
        @CsvSource({"LOW, PT24H, P7D", "MEDIUM, PT24H, P7D", "HIGH, PT8H, P4D", "CRITICAL, PT2H, P2D"})
        void theDeadlinesDependOnTheSeverity(Severity severity, Duration acknowledgeWithin, Duration resolveWithin) {
            Instant acknowledgeDue = FILED_AT.plus(acknowledgeWithin);
            Instant resolveDue = FILED_AT.plus(resolveWithin);
            fixture.givenCurrentTime(FILED_AT)
                    .when(file(severity))
                    .expectEvents(new ComplaintFiled(ID, CUSTOMER, ComplaintCategory.DELIVERY, severity, InteractionChannel.PHONE,
                            "The parcel arrived opened", FILED_AT, acknowledgeDue, resolveDue))
                    .expectScheduledDeadlineWithName(acknowledgeDue, ACKNOWLEDGE_DEADLINE)
                    .expectScheduledDeadlineWithName(resolveDue, RESOLVE_DEADLINE);
        }

        @Test
        void theDeadlinesFollowTheConfiguredSla() {
            var strict = new ComplaintSlaProperties(
                    new ComplaintSlaProperties.BySeverity(null, ofHours(12), null, null), null, null);
            fixtureWith(new ComplaintSla(strict))
                    .givenCurrentTime(FILED_AT)
                    .when(file(Severity.MEDIUM))
                    .expectEvents(new ComplaintFiled(ID, CUSTOMER, ComplaintCategory.DELIVERY, Severity.MEDIUM,
                            InteractionChannel.PHONE, "The parcel arrived opened", FILED_AT, FILED_AT.plus(ofHours(12)), RESOLVE_DUE));
        }

        @Test
        void isACommandForAnActiveCustomer() {
            // so ActiveCustomerCheck refuses it for an unknown or closed customer before it gets here
            assertThat(file(Severity.LOW)).isInstanceOf(ForActiveCustomer.class);
        }

        @Test
        void withoutDescriptionIsRejectedByValidation() {
            var given = fixture.givenCurrentTime(FILED_AT);
            assertThatThrownBy(() -> given.when(new FileComplaint(ID, CUSTOMER, ComplaintCategory.BILLING, Severity.LOW,
                    InteractionChannel.EMAIL, " ")))
                    .isInstanceOf(JSR303ViolationException.class)
                    .hasMessageContaining("description");
        }

        @Test
        void withoutDescriptionIsRefusedByTheComplaintItselfWhenValidationWasSkipped() {
            fixtureWith(DEFAULT_SLA).givenCurrentTime(FILED_AT)
                    .when(new FileComplaint(ID, CUSTOMER, ComplaintCategory.BILLING, Severity.LOW, InteractionChannel.EMAIL, " "))
                    .expectException(rule("complaint-description-required"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void beforeTheDeadlineIsWithinSla() {
            fixture.givenCurrentTime(ACKNOWLEDGED_AT)
                    .andGiven(filed())
                    .when(new AcknowledgeComplaint(ID, "zhang.min"))
                    .expectEvents(new ComplaintAcknowledged(ID, CUSTOMER, "zhang.min", ACKNOWLEDGED_AT, true));
        }

        @Test
        void exactlyAtTheDeadlineIsStillWithinSla() {
            fixture.givenCurrentTime(ACKNOWLEDGE_DUE)
                    .andGiven(filed())
                    .when(new AcknowledgeComplaint(ID, "zhang.min"))
                    .expectEvents(new ComplaintAcknowledged(ID, CUSTOMER, "zhang.min", ACKNOWLEDGE_DUE, true));
        }

        @Test
        void afterTheDeadlineIsOutsideSla() {
            Instant late = ACKNOWLEDGE_DUE.plusSeconds(1);
            fixture.givenCurrentTime(late)
                    .andGiven(filed())
                    .when(new AcknowledgeComplaint(ID, "zhang.min"))
                    .expectEvents(new ComplaintAcknowledged(ID, CUSTOMER, "zhang.min", late, false));
        }

        @Test
        void cancelsNoDeadline() {
            // the acknowledge deadline fires later and records nothing (Deadlines); cancelling it cost O(all deadlines)
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM))
                    .when(new AcknowledgeComplaint(ID, "zhang.min"))
                    .expectScheduledDeadlineWithName(ACKNOWLEDGE_DUE, ACKNOWLEDGE_DEADLINE)
                    .expectScheduledDeadlineWithName(RESOLVE_DUE, RESOLVE_DEADLINE);
        }

        @Test
        void aSecondTimeIsRefused() {
            fixture.given(filed(), acknowledged())
                    .when(new AcknowledgeComplaint(ID, "li.na"))
                    .expectException(rule("complaint-already-acknowledged"))
                    .expectNoEvents();
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new AcknowledgeComplaint(ID, "li.na"))
                    .expectException(rule("complaint-closed"));
        }

        @Test
        void anUnknownComplaintIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new AcknowledgeComplaint("nothing", "li.na"))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Assigning {

        private static final Instant NOW = ACKNOWLEDGED_AT.plus(ofHours(1));

        @Test
        void anAcknowledgedComplaintIsAssigned() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged())
                    .when(new AssignComplaint(ID, "delivery-team"))
                    .expectEvents(new ComplaintAssigned(ID, CUSTOMER, "delivery-team", NOW));
        }

        @Test
        void assigningAgainReassigns() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged(), new ComplaintAssigned(ID, CUSTOMER, "delivery-team", ACKNOWLEDGED_AT))
                    .when(new AssignComplaint(ID, "wang.fang"))
                    .expectEvents(new ComplaintAssigned(ID, CUSTOMER, "wang.fang", NOW));
        }

        @Test
        void toTheCurrentAssigneeRecordsNothing() {
            fixture.given(filed(), acknowledged(), new ComplaintAssigned(ID, CUSTOMER, "delivery-team", ACKNOWLEDGED_AT))
                    .when(new AssignComplaint(ID, "delivery-team"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anEscalatedComplaintCanBeAssigned() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged(), manuallyEscalated(1))
                    .when(new AssignComplaint(ID, "team-lead"))
                    .expectEvents(new ComplaintAssigned(ID, CUSTOMER, "team-lead", NOW));
        }

        @Test
        void beforeAcknowledgementIsRefused() {
            fixture.given(filed())
                    .when(new AssignComplaint(ID, "delivery-team"))
                    .expectException(rule("complaint-not-acknowledged"))
                    .expectNoEvents();
        }

        @Test
        void aResolvedComplaintIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new AssignComplaint(ID, "delivery-team"))
                    .expectException(rule("complaint-already-resolved"));
        }

        @Test
        void aReopenedComplaintCanBeAssigned() {
            Instant reopenedAt = RESOLVED_AT.plus(ofDays(1));
            fixture.givenCurrentTime(reopenedAt)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true), reopened(reopenedAt))
                    .when(new AssignComplaint(ID, "quality-team"))
                    .expectEvents(new ComplaintAssigned(ID, CUSTOMER, "quality-team", reopenedAt));
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new AssignComplaint(ID, "delivery-team"))
                    .expectException(rule("complaint-closed"));
        }
    }

    @Nested
    class Escalating {

        private static final Instant NOW = ACKNOWLEDGED_AT.plus(ofHours(1));

        @Test
        void byHandRaisesTheLevelToOne() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged())
                    .when(new EscalateComplaint(ID, "Key account"))
                    .expectEvents(new ComplaintEscalated(ID, CUSTOMER, 1, "Key account", false, NOW));
        }

        @Test
        void againRaisesTheLevelByOne() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged(), manuallyEscalated(1))
                    .when(new EscalateComplaint(ID, "Still no answer from the carrier"))
                    .expectEvents(new ComplaintEscalated(ID, CUSTOMER, 2, "Still no answer from the carrier", false, NOW));
        }

        @Test
        void isAllowedBeforeAcknowledgement() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed())
                    .when(new EscalateComplaint(ID, "Press enquiry"))
                    .expectEvents(new ComplaintEscalated(ID, CUSTOMER, 1, "Press enquiry", false, NOW));
        }

        @Test
        void aResolvedComplaintIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new EscalateComplaint(ID, "Too late"))
                    .expectException(rule("complaint-already-resolved"));
        }

        @Test
        void aConfirmedComplaintIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true), confirmed())
                    .when(new EscalateComplaint(ID, "Too late"))
                    .expectException(rule("complaint-already-resolved"));
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new EscalateComplaint(ID, "Too late"))
                    .expectException(rule("complaint-closed"));
        }

        @Test
        void withoutReasonIsRejectedByValidation() {
            var given = fixture.given(filed());
            assertThatThrownBy(() -> given.when(new EscalateComplaint(ID, "")))
                    .isInstanceOf(JSR303ViolationException.class)
                    .hasMessageContaining("reason");
        }
    }

    @Nested
    class Resolving {

        @Test
        void beforeTheDeadlineIsWithinSlaAndMakesTheFollowUpDue() {
            fixture.givenCurrentTime(RESOLVED_AT)
                    .andGiven(filed(), acknowledged())
                    .when(new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .expectEvents(new ComplaintResolved(ID, CUSTOMER, "Parcel replaced", null, "zhang.min", RESOLVED_AT, true,
                            FOLLOW_UP_DUE));
        }

        @Test
        void afterTheDeadlineIsOutsideSla() {
            Instant late = RESOLVE_DUE.plus(ofHours(1));
            fixture.givenCurrentTime(late)
                    .andGiven(filed(), acknowledged())
                    .when(new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .expectEvents(new ComplaintResolved(ID, CUSTOMER, "Parcel replaced", null, "zhang.min", late, false,
                            late.plus(ofDays(3))));
        }

        @Test
        void carriesTheCompensation() {
            var compensation = new Compensation(500L, "RF-2026-0042", "VOUCHER-10");
            fixture.givenCurrentTime(RESOLVED_AT)
                    .andGiven(filed(), acknowledged())
                    .when(new ResolveComplaint(ID, "Refunded", compensation, "zhang.min"))
                    .expectEvents(new ComplaintResolved(ID, CUSTOMER, "Refunded", compensation, "zhang.min", RESOLVED_AT, true,
                            FOLLOW_UP_DUE));
        }

        @Test
        void dropsTheBlankPartsOfACompensation() {
            fixture.givenCurrentTime(RESOLVED_AT)
                    .andGiven(filed(), acknowledged())
                    .when(new ResolveComplaint(ID, "Refunded", new Compensation(0L, " RF-7 ", " "), "zhang.min"))
                    .expectEvents(new ComplaintResolved(ID, CUSTOMER, "Refunded", new Compensation(null, "RF-7", null), "zhang.min",
                            RESOLVED_AT, true, FOLLOW_UP_DUE));
        }

        @Test
        void recordsAnEmptyCompensationAsNone() {
            fixture.givenCurrentTime(RESOLVED_AT)
                    .andGiven(filed(), acknowledged())
                    .when(new ResolveComplaint(ID, "Apologised", new Compensation(null, "", null), "zhang.min"))
                    .expectEvents(new ComplaintResolved(ID, CUSTOMER, "Apologised", null, "zhang.min", RESOLVED_AT, true,
                            FOLLOW_UP_DUE));
        }

        @Test
        void negativeBonusPointsAreRefused() {
            fixture.given(filed(), acknowledged())
                    .when(new ResolveComplaint(ID, "Refunded", new Compensation(-5L, null, null), "zhang.min"))
                    .expectException(rule("invalid-compensation"))
                    .expectNoEvents();
        }

        @Test
        void schedulesTheFollowUpAndLeavesTheResolveDeadlineToFireHarmlessly() {
            Instant followUpDue = FILED_AT.plus(ofDays(3));
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"))
                    .when(new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .expectScheduledDeadlineWithName(RESOLVE_DUE, RESOLVE_DEADLINE)
                    .expectScheduledDeadlineWithName(followUpDue, FOLLOW_UP_DEADLINE)
                    .expectScheduledDeadline(followUpDue, new SlaDue(FOLLOW_UP, followUpDue));
        }

        @Test
        void afterReopeningIsMeasuredAgainstTheNewDeadline() {
            Instant reopenedAt = RESOLVED_AT.plus(ofDays(1));
            Instant resolvedAgainAt = RESOLVE_DUE.plus(ofDays(1)); // past the first deadline, within the new one
            fixture.givenCurrentTime(resolvedAgainAt)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true), reopened(reopenedAt))
                    .when(new ResolveComplaint(ID, "Second parcel sent", null, "zhang.min"))
                    .expectEvents(new ComplaintResolved(ID, CUSTOMER, "Second parcel sent", null, "zhang.min", resolvedAgainAt, true,
                            resolvedAgainAt.plus(ofDays(3))));
        }

        @Test
        void beforeAcknowledgementIsRefused() {
            fixture.given(filed())
                    .when(new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .expectException(rule("complaint-not-acknowledged"))
                    .expectNoEvents();
        }

        @Test
        void aSecondTimeIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new ResolveComplaint(ID, "Parcel replaced again", null, "zhang.min"))
                    .expectException(rule("complaint-already-resolved"));
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .expectException(rule("complaint-closed"));
        }
    }

    @Nested
    class FollowingUp {

        @Test
        void beforeTheDeadlineIsWithinSla() {
            Instant contactedAt = RESOLVED_AT.plus(ofDays(1));
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new RecordComplaintFollowUp(ID, "int-9", contactedAt))
                    .expectEvents(new ComplaintFollowedUp(ID, CUSTOMER, "int-9", contactedAt, true));
        }

        @Test
        void afterTheDeadlineIsOutsideSla() {
            Instant contactedAt = FOLLOW_UP_DUE.plusSeconds(60);
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new RecordComplaintFollowUp(ID, "int-9", contactedAt))
                    .expectEvents(new ComplaintFollowedUp(ID, CUSTOMER, "int-9", contactedAt, false));
        }

        @Test
        void afterTheCustomerConfirmedIsRecorded() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true), confirmed())
                    .when(new RecordComplaintFollowUp(ID, "int-9", RESOLVED_AT.plus(ofDays(1))))
                    .expectEvents(new ComplaintFollowedUp(ID, CUSTOMER, "int-9", RESOLVED_AT.plus(ofDays(1)), true));
        }

        @Test
        void theFollowUpDeadlineThenFiresAndRecordsNothing() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"),
                            new RecordComplaintFollowUp(ID, "int-9", FILED_AT))
                    .whenThenTimeElapses(ofDays(3))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aSecondContactRecordsNothing() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true),
                            new ComplaintFollowedUp(ID, CUSTOMER, "int-9", RESOLVED_AT.plus(ofDays(1)), true))
                    .when(new RecordComplaintFollowUp(ID, "int-10", RESOLVED_AT.plus(ofDays(2))))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void isDueAgainAfterTheNextResolution() {
            Instant reopenedAt = RESOLVED_AT.plus(ofDays(1));
            Instant resolvedAgainAt = reopenedAt.plus(ofDays(1));
            Instant contactedAt = resolvedAgainAt.plus(ofHours(4));
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true),
                            new ComplaintFollowedUp(ID, CUSTOMER, "int-9", RESOLVED_AT.plus(ofHours(6)), true),
                            reopened(reopenedAt), resolved(resolvedAgainAt, true))
                    .when(new RecordComplaintFollowUp(ID, "int-12", contactedAt))
                    .expectEvents(new ComplaintFollowedUp(ID, CUSTOMER, "int-12", contactedAt, true));
        }

        @Test
        void beforeResolutionIsRefused() {
            fixture.given(filed(), acknowledged())
                    .when(new RecordComplaintFollowUp(ID, "int-9", ACKNOWLEDGED_AT))
                    .expectException(rule("complaint-not-resolved"))
                    .expectNoEvents();
        }

        @Test
        void aContactDatedBeforeTheResolutionIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new RecordComplaintFollowUp(ID, "int-9", RESOLVED_AT.minusSeconds(1)))
                    .expectException(rule("follow-up-before-resolution"))
                    .expectNoEvents();
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new RecordComplaintFollowUp(ID, "int-9", RESOLVED_AT.plus(ofDays(1))))
                    .expectException(rule("complaint-closed"));
        }
    }

    @Nested
    class Confirming {

        private static final Instant NOW = RESOLVED_AT.plus(ofHours(5));

        @Test
        void aResolvedComplaintIsConfirmed() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new ConfirmComplaintResolution(ID))
                    .expectEvents(new ComplaintResolutionConfirmed(ID, CUSTOMER, NOW));
        }

        @Test
        void keepsTheFollowUpDeadline() {
            Instant followUpDue = FILED_AT.plus(ofDays(3));
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .when(new ConfirmComplaintResolution(ID))
                    .expectScheduledDeadlineWithName(followUpDue, FOLLOW_UP_DEADLINE);
        }

        @Test
        void beforeResolutionIsRefused() {
            fixture.given(filed(), acknowledged())
                    .when(new ConfirmComplaintResolution(ID))
                    .expectException(rule("complaint-not-resolved"))
                    .expectNoEvents();
        }

        @Test
        void aReopenedComplaintIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true), reopened(RESOLVED_AT.plus(ofDays(1))))
                    .when(new ConfirmComplaintResolution(ID))
                    .expectException(rule("complaint-not-resolved"));
        }

        @Test
        void aSecondTimeIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true), confirmed())
                    .when(new ConfirmComplaintResolution(ID))
                    .expectException(rule("complaint-already-confirmed"));
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new ConfirmComplaintResolution(ID))
                    .expectException(rule("complaint-closed"));
        }
    }

    @Nested
    class Reopening {

        private static final Instant REOPENED_AT = RESOLVED_AT.plus(ofDays(1));

        @Test
        void aResolvedComplaintGetsANewResolveDeadlineCountedFromNow() {
            Instant newDue = REOPENED_AT.plus(ofDays(7));
            fixture.givenCurrentTime(REOPENED_AT)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new ReopenComplaint(ID, "Wrong colour"))
                    .expectEvents(new ComplaintReopened(ID, CUSTOMER, "Wrong colour", REOPENED_AT, newDue))
                    .expectScheduledDeadlineWithName(newDue, RESOLVE_DEADLINE)
                    .expectScheduledDeadline(newDue, new SlaDue(RESOLVE, newDue));
        }

        @Test
        void theNewResolveDeadlineDependsOnTheSeverity() {
            var critical = new ComplaintFiled(ID, CUSTOMER, ComplaintCategory.DELIVERY, Severity.CRITICAL, InteractionChannel.PHONE,
                    "The parcel arrived opened", FILED_AT, FILED_AT.plus(ofHours(2)), FILED_AT.plus(ofDays(2)));
            fixture.givenCurrentTime(REOPENED_AT)
                    .andGiven(critical, acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new ReopenComplaint(ID, "Wrong colour"))
                    .expectEvents(new ComplaintReopened(ID, CUSTOMER, "Wrong colour", REOPENED_AT, REOPENED_AT.plus(ofDays(2))));
        }

        @Test
        void thePendingFollowUpDeadlineThenFiresAndRecordsNothing() {
            Instant followUpDue = REOPENED_AT.plus(ofDays(3));
            fixture.givenCurrentTime(REOPENED_AT)
                    .andGiven(filed(), acknowledged())
                    .andGivenCommands(new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"),
                            new ReopenComplaint(ID, "Wrong colour"))
                    .whenThenTimeAdvancesTo(followUpDue)
                    .expectTriggeredDeadlinesWithName(FOLLOW_UP_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aConfirmedComplaintCanBeReopened() {
            fixture.givenCurrentTime(REOPENED_AT)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true), confirmed())
                    .when(new ReopenComplaint(ID, "Broke again"))
                    .expectEvents(new ComplaintReopened(ID, CUSTOMER, "Broke again", REOPENED_AT, REOPENED_AT.plus(ofDays(7))));
        }

        @Test
        void anUnresolvedComplaintIsRefused() {
            fixture.given(filed(), acknowledged())
                    .when(new ReopenComplaint(ID, "Wrong colour"))
                    .expectException(rule("complaint-not-resolved"))
                    .expectNoEvents();
        }

        @Test
        void aClosedComplaintIsRefused() {
            fixture.given(closedHistory())
                    .when(new ReopenComplaint(ID, "Wrong colour"))
                    .expectException(rule("complaint-closed"));
        }
    }

    @Nested
    class Closing {

        private static final Instant NOW = RESOLVED_AT.plus(ofDays(1));

        @Test
        void aResolvedComplaintIsClosedWithTheSatisfaction() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new CloseComplaint(ID, 4))
                    .expectEvents(new ComplaintClosed(ID, CUSTOMER, 4, true, NOW));
        }

        @Test
        void aConfirmedComplaintIsClosed() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true), confirmed())
                    .when(new CloseComplaint(ID, 5))
                    .expectEvents(new ComplaintClosed(ID, CUSTOMER, 5, true, NOW));
        }

        @Test
        void aLateResolutionIsNotResolvedWithinSla() {
            Instant late = RESOLVE_DUE.plus(ofDays(1));
            fixture.givenCurrentTime(late.plus(ofDays(1)))
                    .andGiven(filed(), acknowledged(), resolved(late, false))
                    .when(new CloseComplaint(ID, 3))
                    .expectEvents(new ComplaintClosed(ID, CUSTOMER, 3, false, late.plus(ofDays(1))));
        }

        @Test
        void oneLateResolutionAmongSeveralIsNotResolvedWithinSla() {
            Instant reopenedAt = RESOLVE_DUE.plus(ofDays(2));
            Instant resolvedAgainAt = reopenedAt.plus(ofDays(1));
            fixture.givenCurrentTime(resolvedAgainAt)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVE_DUE.plus(ofDays(1)), false), reopened(reopenedAt),
                            resolved(resolvedAgainAt, true))
                    .when(new CloseComplaint(ID, 4))
                    .expectEvents(new ComplaintClosed(ID, CUSTOMER, 4, false, resolvedAgainAt));
        }

        @Test
        void cancelsNoDeadline() {
            // they fire later and record nothing (Deadlines#noDeadlineRecordsAnythingAfterClosing)
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .when(new CloseComplaint(ID, 4))
                    .expectScheduledDeadlineWithName(RESOLVE_DUE, RESOLVE_DEADLINE);
        }

        @Test
        void anUnresolvedComplaintIsRefused() {
            fixture.given(filed(), acknowledged())
                    .when(new CloseComplaint(ID, 4))
                    .expectException(rule("complaint-not-resolved"))
                    .expectNoEvents();
        }

        @Test
        void aReopenedComplaintIsRefused() {
            fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true), reopened(NOW))
                    .when(new CloseComplaint(ID, 2))
                    .expectException(rule("complaint-not-resolved"));
        }

        @Test
        void aSecondTimeIsRefused() {
            fixture.given(closedHistory())
                    .when(new CloseComplaint(ID, 5))
                    .expectException(rule("complaint-closed"));
        }

        @ParameterizedTest(name = "satisfaction {0}")
        @ValueSource(ints = {0, 6, -1})
        void aSatisfactionOutsideOneToFiveIsRefusedByTheComplaint(int satisfaction) {
            fixtureWith(DEFAULT_SLA)
                    .given(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .when(new CloseComplaint(ID, satisfaction))
                    .expectException(rule("invalid-satisfaction"))
                    .expectNoEvents();
        }

        @Test
        void aSatisfactionOutsideOneToFiveIsRejectedByValidation() {
            var given = fixture.given(filed(), acknowledged(), resolved(RESOLVED_AT, true));
            assertThatThrownBy(() -> given.when(new CloseComplaint(ID, 6)))
                    .isInstanceOf(JSR303ViolationException.class)
                    .hasMessageContaining("satisfaction");
        }
    }

    @Nested
    class Deadlines {

        @Test
        void aMissedAcknowledgementIsABreachAndEscalatesAutomatically() {
            Instant due = FILED_AT.plus(ofHours(8));
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.HIGH))
                    .whenThenTimeElapses(ofHours(8))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE)
                    .expectEvents(breached(ACKNOWLEDGE, due, due), automaticallyEscalated(1, ACKNOWLEDGE, due, due));
        }

        @Test
        void theAutomaticEscalationGoesOneLevelAboveTheCurrentOne() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new EscalateComplaint(ID, "Key account"))
                    .whenThenTimeAdvancesTo(ACKNOWLEDGE_DUE)
                    .expectEvents(breached(ACKNOWLEDGE, ACKNOWLEDGE_DUE, ACKNOWLEDGE_DUE),
                            automaticallyEscalated(2, ACKNOWLEDGE, ACKNOWLEDGE_DUE, ACKNOWLEDGE_DUE));
        }

        @Test
        void noBreachWhenAcknowledgedInTime() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"))
                    .whenThenTimeAdvancesTo(ACKNOWLEDGE_DUE.plus(ofHours(1)))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void anAcknowledgeDeadlineFiringAfterTheAcknowledgementDoesNothing() {
            // the acknowledgement is given as an event, so the deadline was never cancelled
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM))
                    .andGiven(acknowledged())
                    .whenThenTimeAdvancesTo(ACKNOWLEDGE_DUE)
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aMissedResolutionIsABreachAndEscalatesAutomatically() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"))
                    .whenThenTimeAdvancesTo(RESOLVE_DUE)
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, RESOLVE_DEADLINE)
                    .expectEvents(breached(RESOLVE, RESOLVE_DUE, RESOLVE_DUE), automaticallyEscalated(1, RESOLVE, RESOLVE_DUE, RESOLVE_DUE));
        }

        @Test
        void eachMissedDeadlineEscalatesOneMoreLevel() {
            Instant acknowledgeDue = FILED_AT.plus(ofHours(2));
            Instant resolveDue = FILED_AT.plus(ofDays(2));
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.CRITICAL))
                    .whenThenTimeElapses(ofDays(3))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, RESOLVE_DEADLINE)
                    .expectEvents(breached(ACKNOWLEDGE, acknowledgeDue, acknowledgeDue),
                            automaticallyEscalated(1, ACKNOWLEDGE, acknowledgeDue, acknowledgeDue),
                            breached(RESOLVE, resolveDue, resolveDue),
                            automaticallyEscalated(2, RESOLVE, resolveDue, resolveDue));
        }

        @Test
        void noBreachWhenResolvedInTime() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"),
                            new RecordComplaintFollowUp(ID, "int-9", FILED_AT))
                    .whenThenTimeAdvancesTo(RESOLVE_DUE.plus(ofDays(1)))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE, RESOLVE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aResolveDeadlineFiringAfterTheResolutionDoesNothing() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"))
                    .andGiven(resolved(RESOLVED_AT, true))
                    .whenThenTimeAdvancesTo(RESOLVE_DUE)
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, RESOLVE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void theFirstResolveDeadlineFiringAfterAReopenDoesNothing() {
            // superseded by the reopened complaint's own deadline, which is later
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"))
                    .andGiven(resolved(RESOLVED_AT, true), reopened(RESOLVED_AT.plus(ofDays(1))))
                    .whenThenTimeAdvancesTo(RESOLVE_DUE)
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, RESOLVE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aMissedResolutionAfterReopeningIsABreachOfTheNewDeadline() {
            Instant reopenedAt = RESOLVED_AT.plus(ofDays(1));
            Instant newDue = reopenedAt.plus(ofDays(7));
            fixture.givenCurrentTime(reopenedAt)
                    .andGiven(filed(), acknowledged(), resolved(RESOLVED_AT, true))
                    .andGivenCommands(new ReopenComplaint(ID, "Wrong colour"))
                    .whenThenTimeAdvancesTo(newDue)
                    .expectEvents(breached(RESOLVE, newDue, newDue), automaticallyEscalated(1, RESOLVE, newDue, newDue));
        }

        @Test
        void aMissedFollowUpIsABreachAndEscalatesAutomatically() {
            Instant followUpDue = FILED_AT.plus(ofDays(3));
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .whenThenTimeElapses(ofDays(3))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE)
                    .expectEvents(breached(FOLLOW_UP, followUpDue, followUpDue),
                            automaticallyEscalated(1, FOLLOW_UP, followUpDue, followUpDue));
        }

        @Test
        void aMissedFollowUpAfterConfirmationIsStillABreach() {
            Instant followUpDue = FILED_AT.plus(ofDays(3));
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"), new ConfirmComplaintResolution(ID))
                    .whenThenTimeElapses(ofDays(3))
                    .expectEvents(breached(FOLLOW_UP, followUpDue, followUpDue),
                            automaticallyEscalated(1, FOLLOW_UP, followUpDue, followUpDue));
        }

        @Test
        void aFollowUpDeadlineFiringAfterTheFollowUpDoesNothing() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .andGiven(new ComplaintFollowedUp(ID, CUSTOMER, "int-9", FILED_AT.plus(ofDays(1)), true))
                    .whenThenTimeElapses(ofDays(3))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aFollowUpDeadlineFiringAfterAReopenDoesNothing() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"))
                    .andGiven(reopened(FILED_AT.plus(ofDays(1))))
                    .whenThenTimeElapses(ofDays(3))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void noDeadlineRecordsAnythingAfterClosing() {
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"), new CloseComplaint(ID, 5))
                    .whenThenTimeElapses(ofDays(30))
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE, RESOLVE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void aDeadlineDeliveredAgainAfterItsBreachRecordsNothing() {
            // db-scheduler runs a task at least once: a node may stop between the breach's commit and the task's removal
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"))
                    .andGiven(breached(RESOLVE, RESOLVE_DUE, RESOLVE_DUE), automaticallyEscalated(1, RESOLVE, RESOLVE_DUE, RESOLVE_DUE))
                    .whenThenTimeAdvancesTo(RESOLVE_DUE)
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, RESOLVE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void twoUncancelledDeadlinesWithTheSameDueTimeBreachOnce() {
            // reopened at the instant of filing: the superseded resolve deadline and the new one are due together
            fixture.givenCurrentTime(FILED_AT)
                    .andGivenCommands(file(Severity.MEDIUM), new AcknowledgeComplaint(ID, "zhang.min"),
                            new ResolveComplaint(ID, "Parcel replaced", null, "zhang.min"), new ReopenComplaint(ID, "Wrong colour"))
                    .whenThenTimeAdvancesTo(RESOLVE_DUE)
                    .expectTriggeredDeadlinesWithName(ACKNOWLEDGE_DEADLINE, FOLLOW_UP_DEADLINE, RESOLVE_DEADLINE, RESOLVE_DEADLINE)
                    .expectEvents(breached(RESOLVE, RESOLVE_DUE, RESOLVE_DUE), automaticallyEscalated(1, RESOLVE, RESOLVE_DUE, RESOLVE_DUE));
        }
    }

    private static FileComplaint file(Severity severity) {
        return new FileComplaint(ID, CUSTOMER, ComplaintCategory.DELIVERY, severity, InteractionChannel.PHONE, "The parcel arrived opened");
    }

    private static ComplaintFiled filed() {
        return new ComplaintFiled(ID, CUSTOMER, ComplaintCategory.DELIVERY, Severity.MEDIUM, InteractionChannel.PHONE,
                "The parcel arrived opened", FILED_AT, ACKNOWLEDGE_DUE, RESOLVE_DUE);
    }

    private static ComplaintAcknowledged acknowledged() {
        return new ComplaintAcknowledged(ID, CUSTOMER, "zhang.min", ACKNOWLEDGED_AT, true);
    }

    private static ComplaintEscalated manuallyEscalated(int level) {
        return new ComplaintEscalated(ID, CUSTOMER, level, "Key account", false, ACKNOWLEDGED_AT);
    }

    private static ComplaintResolved resolved(Instant at, boolean withinSla) {
        return new ComplaintResolved(ID, CUSTOMER, "Parcel replaced", null, "zhang.min", at, withinSla, at.plus(ofDays(3)));
    }

    private static ComplaintResolutionConfirmed confirmed() {
        return new ComplaintResolutionConfirmed(ID, CUSTOMER, RESOLVED_AT.plus(ofHours(3)));
    }

    private static ComplaintReopened reopened(Instant at) {
        return new ComplaintReopened(ID, CUSTOMER, "Wrong colour", at, at.plus(ofDays(7)));
    }

    private static Object[] closedHistory() {
        return new Object[]{filed(), acknowledged(), resolved(RESOLVED_AT, true),
                new ComplaintClosed(ID, CUSTOMER, 4, true, RESOLVED_AT.plus(ofDays(1)))};
    }

    private static ComplaintSlaBreached breached(SlaDeadline deadline, Instant due, Instant detectedAt) {
        return new ComplaintSlaBreached(ID, CUSTOMER, deadline, due, detectedAt, Duration.between(due, detectedAt).toSeconds());
    }

    private static ComplaintEscalated automaticallyEscalated(int level, SlaDeadline deadline, Instant due, Instant at) {
        return new ComplaintEscalated(ID, CUSTOMER, level, "SLA missed: " + deadline + " was due by " + due, true, at);
    }

    private static Matcher<RuleViolation> rule(String code) {
        return RuleViolations.withCode(code);
    }
}
