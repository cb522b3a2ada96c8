package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * A customer joined the loyalty programme (会员). The enrolment date is the anniversary of the yearly tier review.
 *
 * @param membershipId the membership's id (one per customer)
 * @param customerId   the member
 * @param memberNumber the number printed on the card
 * @param enrolledAt   when
 */
public record MemberEnrolled(String membershipId, @DataSubject String customerId, String memberNumber, Instant enrolledAt) {
}
