package dev.rapport.command.customer;

import java.time.Clock;

import dev.rapport.platform.privacy.PersonalDataErasure;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Erasure around the aggregate: the customer decides (and records {@code CustomerErased}), then the
 * customer's key is deleted in the same unit of work, so both commit together or neither does. The key's
 * I/O stays out of the aggregate.
 */
@Component
class CustomerErasure {

    private final Repository<Customer> customers;
    private final PersonalDataErasure keys;

    CustomerErasure(Repository<Customer> customers, PersonalDataErasure keys) {
        this.customers = customers;
        this.keys = keys;
    }

    @CommandHandler
    void handle(EraseCustomer command, Clock clock) {
        customers.load(command.customerId()).execute(customer -> customer.erase(command, clock));
        keys.erase(command.customerId());
    }
}
