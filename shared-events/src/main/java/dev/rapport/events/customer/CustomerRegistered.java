package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A customer became known to the business; the start of every customer's history.
 *
 * @param customerId   the customer's id, chosen at registration and never changed
 * @param profile      the profile as registered
 * @param registeredAt when the registration was decided (the command side's clock)
 */
public record CustomerRegistered(@DataSubject String customerId, CustomerProfile profile, Instant registeredAt) {
}
