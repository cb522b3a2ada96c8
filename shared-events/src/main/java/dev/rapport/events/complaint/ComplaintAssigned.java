package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The complaint was given to an employee or team to resolve.
 *
 * @param complaintId the complaint
 * @param customerId  who complained
 * @param assignee    the employee or team
 * @param assignedAt  when
 */
public record ComplaintAssigned(String complaintId, @DataSubject String customerId, String assignee, Instant assignedAt) {
}
