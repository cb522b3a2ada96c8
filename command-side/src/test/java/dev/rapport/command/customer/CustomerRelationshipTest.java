package dev.rapport.command.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.rapport.command.customer.CustomerCommands.AssignAccountManager;
import dev.rapport.command.customer.CustomerCommands.ChangeConsent;
import dev.rapport.command.customer.CustomerCommands.CloseCustomer;
import dev.rapport.command.customer.CustomerCommands.EndPartnership;
import dev.rapport.command.customer.CustomerCommands.MarkAsPartner;
import dev.rapport.command.customer.CustomerCommands.NotePreference;
import dev.rapport.command.customer.CustomerCommands.ReactivateCustomer;
import dev.rapport.command.customer.CustomerCommands.RecordReferral;
import dev.rapport.command.customer.CustomerCommands.WithdrawPreference;
import dev.rapport.events.customer.AccountManagerAssigned;
import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerMarkedAsPartner;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.customer.PartnershipEnded;
import dev.rapport.events.customer.PreferenceNoted;
import dev.rapport.events.customer.PreferenceWithdrawn;
import dev.rapport.events.customer.ReferralRecorded;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Consent, preferences, account manager, referrals, partnership, closing and reactivation. */
class CustomerRelationshipTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final String ID = "c-7";
    private static final CustomerProfile PROFILE = new CustomerProfile("Zhang Min", CustomerType.INDIVIDUAL, "zm@example.com",
            null, null, null, null, null, null, null, List.of());
    private static final CustomerRegistered REGISTERED = new CustomerRegistered(ID, PROFILE, NOW.minusSeconds(86_400));
    private static final CustomerClosed CLOSED = new CustomerClosed(ID, ClosureReason.COMPETITOR, null, "emp-1", NOW.minusSeconds(60));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Nested
    class Consent {

        @Test
        void anOptInIsRecordedWithItsSource() {
            fixture.given(REGISTERED)
                    .when(new ChangeConsent(ID, ContactChannel.EMAIL, true, "web-form"))
                    .expectEvents(new ConsentChanged(ID, ContactChannel.EMAIL, true, "web-form", NOW));
        }

        @Test
        void repeatingTheCurrentChoiceRecordsNothing() {
            fixture.given(REGISTERED, new ConsentChanged(ID, ContactChannel.SMS, false, "call-centre", NOW))
                    .when(new ChangeConsent(ID, ContactChannel.SMS, false, "unsubscribe-link"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anOptOutIsAcceptedEvenFromAClosedCustomer() {
            fixture.given(REGISTERED, new ConsentChanged(ID, ContactChannel.EMAIL, true, "web-form", NOW), CLOSED)
                    .when(new ChangeConsent(ID, ContactChannel.EMAIL, false, "unsubscribe-link"))
                    .expectEvents(new ConsentChanged(ID, ContactChannel.EMAIL, false, "unsubscribe-link", NOW));
        }

        @Test
        void anOptInFromAClosedCustomerIsRefused() {
            fixture.given(REGISTERED, CLOSED)
                    .when(new ChangeConsent(ID, ContactChannel.EMAIL, true, "web-form"))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Preferences {

        @Test
        void aPreferenceIsNotedWithWhoNotedIt() {
            fixture.given(REGISTERED)
                    .when(new NotePreference(ID, "seat", "aisle", "emp-9"))
                    .expectEvents(new PreferenceNoted(ID, "seat", "aisle", "emp-9", NOW));
        }

        @Test
        void notingTheSameValueAgainRecordsNothingButANewValueReplacesIt() {
            fixture.given(REGISTERED, new PreferenceNoted(ID, "seat", "aisle", "emp-9", NOW))
                    .when(new NotePreference(ID, "seat", "aisle", "emp-3"))
                    .expectNoEvents();
            fixture.given(REGISTERED, new PreferenceNoted(ID, "seat", "aisle", "emp-9", NOW))
                    .when(new NotePreference(ID, "seat", "window", "emp-3"))
                    .expectEvents(new PreferenceNoted(ID, "seat", "window", "emp-3", NOW));
        }

        @Test
        void aNotedPreferenceCanBeWithdrawn() {
            fixture.given(REGISTERED, new PreferenceNoted(ID, "meal", "vegetarian", "emp-9", NOW))
                    .when(new WithdrawPreference(ID, "meal"))
                    .expectEvents(new PreferenceWithdrawn(ID, "meal", NOW));
        }

        @Test
        void withdrawingAnUnknownPreferenceIsRefused() {
            fixture.given(REGISTERED, new PreferenceNoted(ID, "meal", "vegetarian", "emp-9", NOW), new PreferenceWithdrawn(ID, "meal", NOW))
                    .when(new WithdrawPreference(ID, "meal"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("No preference 'meal' is noted for this customer");
        }

        @Test
        void aClosedCustomerGetsNoNewPreferences() {
            fixture.given(REGISTERED, CLOSED)
                    .when(new NotePreference(ID, "seat", "aisle", "emp-9"))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class AccountManager {

        @Test
        void theFirstAssignmentHasNoPredecessorAndAHandOverNamesIt() {
            fixture.given(REGISTERED)
                    .when(new AssignAccountManager(ID, "emp-1"))
                    .expectEvents(new AccountManagerAssigned(ID, "emp-1", null, NOW));
            fixture.given(REGISTERED, new AccountManagerAssigned(ID, "emp-1", null, NOW))
                    .when(new AssignAccountManager(ID, "emp-2"))
                    .expectEvents(new AccountManagerAssigned(ID, "emp-2", "emp-1", NOW));
        }

        @Test
        void reassigningTheSameManagerRecordsNothing() {
            fixture.given(REGISTERED, new AccountManagerAssigned(ID, "emp-1", null, NOW))
                    .when(new AssignAccountManager(ID, "emp-1"))
                    .expectNoEvents();
        }

        @Test
        void aClosedCustomerIsNotHandedOver() {
            fixture.given(REGISTERED, CLOSED)
                    .when(new AssignAccountManager(ID, "emp-1"))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class Referrals {

        @Test
        void aReferralIsRecordedOnceForTheReferrer() {
            fixture.given(REGISTERED)
                    .when(new RecordReferral(ID, "c-8"))
                    .expectEvents(new ReferralRecorded(ID, "c-8", NOW));
            fixture.given(REGISTERED, new ReferralRecorded(ID, "c-8", NOW))
                    .when(new RecordReferral(ID, "c-8"))
                    .expectNoEvents();
        }

        @Test
        void aCustomerCannotReferThemselves() {
            fixture.given(REGISTERED)
                    .when(new RecordReferral(ID, ID))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("A customer cannot refer themselves");
        }
    }

    @Nested
    class Partnership {

        @Test
        void aPersonMarksACustomerAsPartnerAndEndsIt() {
            fixture.given(REGISTERED)
                    .when(new MarkAsPartner(ID, "contract FC-17"))
                    .expectEvents(new CustomerMarkedAsPartner(ID, "contract FC-17", NOW));
            fixture.given(REGISTERED, new CustomerMarkedAsPartner(ID, "contract FC-17", NOW))
                    .when(new EndPartnership(ID, "contract ended"))
                    .expectEvents(new PartnershipEnded(ID, "contract ended", NOW));
        }

        @Test
        void markingAPartnerAgainRecordsNothing() {
            fixture.given(REGISTERED, new CustomerMarkedAsPartner(ID, "contract FC-17", NOW))
                    .when(new MarkAsPartner(ID, "contract FC-18"))
                    .expectNoEvents();
        }

        @Test
        void endingAPartnershipThatDoesNotExistIsRefused() {
            fixture.given(REGISTERED)
                    .when(new EndPartnership(ID, "?"))
                    .expectException(RuleViolation.class);
        }

        @Test
        void aClosedCustomerCannotBecomeAPartner() {
            fixture.given(REGISTERED, CLOSED)
                    .when(new MarkAsPartner(ID, "contract"))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class ClosingAndReactivating {

        @Test
        void closingRecordsTheChurnClassificationWhoAndWhy() {
            fixture.given(REGISTERED)
                    .when(new CloseCustomer(ID, ClosureReason.NEGLIGENCE, "lost luggage twice", "emp-4"))
                    .expectEvents(new CustomerClosed(ID, ClosureReason.NEGLIGENCE, "lost luggage twice", "emp-4", NOW));
        }

        @Test
        void aClosedCustomerCannotBeClosedAgain() {
            fixture.given(REGISTERED, CLOSED)
                    .when(new CloseCustomer(ID, ClosureReason.NATURAL, null, "emp-4"))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void aClosedCustomerIsReactivated() {
            fixture.given(REGISTERED, CLOSED)
                    .when(new ReactivateCustomer(ID))
                    .expectEvents(new CustomerReactivated(ID, NOW));
        }

        @Test
        void anOpenCustomerCannotBeReactivated() {
            fixture.given(REGISTERED)
                    .when(new ReactivateCustomer(ID))
                    .expectException(RuleViolation.class);
        }

        @Test
        void aMaliciousCustomerIsNeverWonBack() {
            fixture.given(REGISTERED, new CustomerClosed(ID, ClosureReason.MALICIOUS, "fraud", "emp-4", NOW))
                    .when(new ReactivateCustomer(ID))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void aReactivatedCustomerAcceptsChangesAgain() {
            fixture.given(REGISTERED, CLOSED, new CustomerReactivated(ID, NOW))
                    .when(new MarkAsPartner(ID, "contract"))
                    .expectEvents(new CustomerMarkedAsPartner(ID, "contract", NOW));
        }

        @Test
        void aClosedCustomersProfileCanStillBeCorrected() {
            var corrected = new ProfileDetails("Zhang Min", CustomerType.INDIVIDUAL, "zhang.min@example.com", null, null, null,
                    null, null, null, null, null);
            fixture.given(REGISTERED, CLOSED)
                    .when(new UpdateCustomerProfile(ID, corrected))
                    .expectEvents(new CustomerProfileUpdated(ID, corrected.toProfile(), NOW));
        }
    }
}
