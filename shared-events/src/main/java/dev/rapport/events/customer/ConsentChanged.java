package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A customer opted in to or out of marketing on one channel.
 *
 * @param customerId the customer
 * @param channel    the channel the consent is about
 * @param optedIn    true for opted in, false for opted out
 * @param source     where the decision was captured (e.g. {@code web-form}, {@code call-centre}, {@code unsubscribe-link})
 * @param changedAt  when it was recorded
 */
public record ConsentChanged(@DataSubject String customerId, ContactChannel channel, boolean optedIn, String source,
                             Instant changedAt) {
}
