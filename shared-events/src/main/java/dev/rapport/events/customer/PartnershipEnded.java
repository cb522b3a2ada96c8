package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The customer is no longer a partner; their ladder stage follows from the facts again.
 *
 * @param customerId the customer
 * @param reason     why
 * @param endedAt    when
 */
public record PartnershipEnded(@DataSubject String customerId, String reason, Instant endedAt) {
}
