package dev.rapport.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
import dev.rapport.events.customer.CustomerErased;
import dev.rapport.events.customer.CustomerMarkedAsPartner;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.PartnershipEnded;
import dev.rapport.events.customer.PreferenceNoted;
import dev.rapport.events.customer.PreferenceWithdrawn;
import dev.rapport.events.customer.ReferralRecorded;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer: decides whether a registration, profile change, consent, preference, hand-over,
 * referral, partnership or closure is acceptable, and records it. A command that would change nothing
 * records nothing. Package-private: the rest of the code reaches it only through its commands.
 */
@Aggregate
class Customer {

    // deliberately simple: one @, a dot in the domain, no spaces; Jakarta @Email already ran at the edge
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @AggregateIdentifier
    private String customerId;
    private CustomerProfile profile;
    private final Map<ContactChannel, Boolean> consents = new EnumMap<>(ContactChannel.class);
    private final Map<String, String> preferences = new HashMap<>();
    private final Set<String> referred = new HashSet<>();
    private String accountManagerId;
    private boolean partner;
    private ClosureReason closedFor;
    private boolean erased;

    Customer() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Customer(RegisterCustomer command, Clock clock) {
        CustomerProfile profile = checked(command.profile().toProfile());
        apply(new CustomerRegistered(command.customerId(), profile, clock.instant()));
    }

    /** Profile corrections are accepted even for a closed customer: personal data must stay correctable. */
    @CommandHandler
    void handle(UpdateCustomerProfile command, Clock clock) {
        requireNotErased();
        CustomerProfile updated = checked(command.profile().toProfile());
        if (updated.equals(profile)) {
            return; // nothing changed: no event, the history stays free of no-op entries
        }
        apply(new CustomerProfileUpdated(customerId, updated, clock.instant()));
    }

    /** Opting out is always accepted (even when closed); opting in needs an open relationship. */
    @CommandHandler
    void handle(ChangeConsent command, Clock clock) {
        requireNotErased();
        if (command.optedIn()) {
            requireOpen();
        }
        if (Boolean.valueOf(command.optedIn()).equals(consents.get(command.channel()))) {
            return;
        }
        apply(new ConsentChanged(customerId, command.channel(), command.optedIn(), command.source(), clock.instant()));
    }

    @CommandHandler
    void handle(NotePreference command, Clock clock) {
        requireNotErased();
        requireOpen();
        if (command.value().equals(preferences.get(command.key()))) {
            return;
        }
        apply(new PreferenceNoted(customerId, command.key(), command.value(), command.notedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawPreference command, Clock clock) {
        requireNotErased();
        if (!preferences.containsKey(command.key())) {
            throw new RuleViolation("unknown-preference", "No preference '" + command.key() + "' is noted for this customer");
        }
        apply(new PreferenceWithdrawn(customerId, command.key(), clock.instant()));
    }

    @CommandHandler
    void handle(AssignAccountManager command, Clock clock) {
        requireNotErased();
        requireOpen();
        if (command.accountManagerId().equals(accountManagerId)) {
            return;
        }
        apply(new AccountManagerAssigned(customerId, command.accountManagerId(), accountManagerId, clock.instant()));
    }

    @CommandHandler
    void handle(RecordReferral command, Clock clock) {
        requireNotErased();
        if (command.referredCustomerId().equals(customerId)) {
            throw new RuleViolation("self-referral", "A customer cannot refer themselves");
        }
        if (referred.contains(command.referredCustomerId())) {
            return;
        }
        apply(new ReferralRecorded(customerId, command.referredCustomerId(), clock.instant()));
    }

    @CommandHandler
    void handle(MarkAsPartner command, Clock clock) {
        requireNotErased();
        requireOpen();
        if (partner) {
            return;
        }
        apply(new CustomerMarkedAsPartner(customerId, command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(EndPartnership command, Clock clock) {
        requireNotErased();
        if (!partner) {
            throw new RuleViolation("not-a-partner", "Customer " + customerId + " is not a partner");
        }
        apply(new PartnershipEnded(customerId, command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(CloseCustomer command, Clock clock) {
        requireNotErased();
        requireOpen();
        apply(new CustomerClosed(customerId, command.reason(), blankToNull(command.note()), command.closedBy(), clock.instant()));
    }

    @CommandHandler
    void handle(ReactivateCustomer command, Clock clock) {
        requireNotErased();
        if (closedFor == null) {
            throw new RuleViolation("customer-not-closed", "Customer " + customerId + " is not closed", true);
        }
        if (closedFor == ClosureReason.MALICIOUS) {
            throw new RuleViolation("reactivation-forbidden",
                    "Customer " + customerId + " was closed as malicious (fraud, bad credit) and is never won back");
        }
        apply(new CustomerReactivated(customerId, clock.instant()));
    }

    /**
     * Erasure is final and done once: a second request is refused (409 customer-erased) like every other
     * command, so the history shows exactly one erasure. Called by {@link CustomerErasure}, which deletes the
     * key in the same unit of work.
     */
    void erase(EraseCustomer command, Clock clock) {
        requireNotErased();
        apply(new CustomerErased(customerId, command.erasedBy(), clock.instant()));
    }

    private void requireNotErased() {
        if (erased) {
            throw new RuleViolation("customer-erased", "Customer " + customerId + " was erased; nothing more is recorded for them", true);
        }
    }

    private void requireOpen() {
        if (closedFor != null) {
            throw new RuleViolation("customer-closed", "Customer " + customerId + " is closed; reactivate it first", true);
        }
    }

    private static CustomerProfile checked(CustomerProfile profile) {
        if (profile.displayName().isBlank()) {
            throw new RuleViolation("display-name-required", "A customer needs a display name");
        }
        if (profile.email() != null && !EMAIL.matcher(profile.email()).matches()) {
            throw new RuleViolation("invalid-email", "'" + profile.email() + "' is not an e-mail address");
        }
        return profile;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(CustomerProfileUpdated event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(ConsentChanged event) {
        consents.put(event.channel(), event.optedIn());
    }

    @EventSourcingHandler
    void on(PreferenceNoted event) {
        preferences.put(event.key(), event.value());
    }

    @EventSourcingHandler
    void on(PreferenceWithdrawn event) {
        preferences.remove(event.key());
    }

    @EventSourcingHandler
    void on(AccountManagerAssigned event) {
        accountManagerId = event.accountManagerId();
    }

    @EventSourcingHandler
    void on(ReferralRecorded event) {
        referred.add(event.referredCustomerId());
    }

    @EventSourcingHandler
    void on(CustomerMarkedAsPartner event) {
        partner = true;
    }

    @EventSourcingHandler
    void on(PartnershipEnded event) {
        partner = false;
    }

    @EventSourcingHandler
    void on(CustomerClosed event) {
        closedFor = event.reason();
    }

    @EventSourcingHandler
    void on(CustomerReactivated event) {
        closedFor = null;
    }

    @EventSourcingHandler
    void on(CustomerErased event) {
        erased = true;
        profile = null;
        preferences.clear();
    }
}
