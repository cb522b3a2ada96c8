package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A noted preference no longer holds.
 *
 * @param customerId  the customer
 * @param key         the preference's key
 * @param withdrawnAt when it was withdrawn
 */
public record PreferenceWithdrawn(@DataSubject String customerId, String key, Instant withdrawnAt) {
}
