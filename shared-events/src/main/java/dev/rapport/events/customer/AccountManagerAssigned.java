package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A customer was given an account manager (客户经理), or handed over to another one. The relationship
 * stays with the business when staff leave.
 *
 * @param customerId                the customer
 * @param accountManagerId          the employee now responsible
 * @param previousAccountManagerId  the one before, or null for the first assignment
 * @param assignedAt                when
 */
public record AccountManagerAssigned(@DataSubject String customerId, String accountManagerId, String previousAccountManagerId,
                                     Instant assignedAt) {
}
