package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A customer referred a new customer; counts toward the referrer's ladder stage "advocate".
 *
 * @param customerId         the referrer
 * @param referredCustomerId the customer they brought
 * @param recordedAt         when it was recorded
 */
public record ReferralRecorded(@DataSubject String customerId, String referredCustomerId, Instant recordedAt) {
}
