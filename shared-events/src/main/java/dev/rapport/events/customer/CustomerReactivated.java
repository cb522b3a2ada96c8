package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A closed customer came back (never after a {@link ClosureReason#MALICIOUS} closure).
 *
 * @param customerId    the customer
 * @param reactivatedAt when
 */
public record CustomerReactivated(@DataSubject String customerId, Instant reactivatedAt) {
}
