package dev.rapport.events.complaint;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * The complaint went one level up (team lead, manager, director...), by hand or because an SLA was missed.
 *
 * @param complaintId the complaint
 * @param customerId  who complained
 * @param level       the escalation level now, 1 for the first escalation
 * @param reason      why
 * @param automatic   true when caused by a missed SLA deadline
 * @param escalatedAt when
 */
public record ComplaintEscalated(String complaintId, @DataSubject String customerId, int level, String reason,
                                 boolean automatic, Instant escalatedAt) {
}
