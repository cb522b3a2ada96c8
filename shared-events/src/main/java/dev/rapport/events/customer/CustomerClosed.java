package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * The relationship was closed. No interaction, sale, complaint or enrolment is accepted for a closed
 * customer until it is reactivated.
 *
 * @param customerId the customer
 * @param reason     the churn classification
 * @param note       free text from the employee, optional
 * @param closedBy   who closed it
 * @param closedAt   when
 */
public record CustomerClosed(@DataSubject String customerId, ClosureReason reason, @PersonalData String note,
                             String closedBy, Instant closedAt) {
}
