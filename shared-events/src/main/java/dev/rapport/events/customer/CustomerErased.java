package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The customer's personal data was erased (GDPR art. 17) by deleting their key: from now on every
 * {@code @PersonalData} field of every event about them reads as erased, and nothing else is accepted for
 * them. Carries nothing personal itself; amounts, dates and tiers of their other events stay readable.
 *
 * @param customerId the customer erased
 * @param erasedBy   the employee or system that carried out the request
 * @param erasedAt   when
 */
public record CustomerErased(@DataSubject String customerId, String erasedBy, Instant erasedAt) {
}
