package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * Staff noted a personal preference (favourite dish, seat, how to be addressed), so service is
 * personal at every touchpoint. Noting the same key again replaces the value.
 *
 * @param customerId the customer
 * @param key        what the preference is about, e.g. {@code seat}, {@code meal}, {@code form-of-address}
 * @param value      the preference itself
 * @param notedBy    the employee who noted it
 * @param notedAt    when it was noted
 */
public record PreferenceNoted(@DataSubject String customerId, String key, @PersonalData String value, String notedBy,
                              Instant notedAt) {
}
