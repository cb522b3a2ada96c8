package dev.rapport.command.customer;

/**
 * A command that creates or changes something that belongs to a customer (an interaction, a sale, a
 * complaint, a membership): it is refused before it reaches its aggregate when the customer is unknown
 * (404) or closed (409 {@code customer-closed}). See {@link ActiveCustomerCheck}.
 */
public interface ForActiveCustomer {

    String customerId();
}
