package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A customer's profile was replaced by a corrected or completed one. Carries the whole new profile,
 * so a reader never has to merge partial updates.
 *
 * @param customerId the customer
 * @param profile    the profile as it is from now on
 * @param updatedAt  when the update was decided (the command side's clock)
 */
public record CustomerProfileUpdated(@DataSubject String customerId, CustomerProfile profile, Instant updatedAt) {
}
