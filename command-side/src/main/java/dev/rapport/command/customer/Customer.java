package dev.rapport.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.regex.Pattern;

import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer: decides whether a registration or profile change is acceptable and records it.
 * Package-private: the rest of the code reaches it only through its commands.
 */
@Aggregate
class Customer {

    // deliberately simple: one @, a dot in the domain, no spaces; Jakarta @Email already ran at the edge
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @AggregateIdentifier
    private String customerId;
    private CustomerProfile profile;

    Customer() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Customer(RegisterCustomer command, Clock clock) {
        CustomerProfile profile = checked(command.profile().toProfile());
        apply(new CustomerRegistered(command.customerId(), profile, clock.instant()));
    }

    @CommandHandler
    void handle(UpdateCustomerProfile command, Clock clock) {
        CustomerProfile updated = checked(command.profile().toProfile());
        if (updated.equals(profile)) {
            return; // nothing changed: no event, the history stays free of no-op entries
        }
        apply(new CustomerProfileUpdated(customerId, updated, clock.instant()));
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

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(CustomerProfileUpdated event) {
        profile = event.profile();
    }
}
