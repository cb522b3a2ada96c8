package dev.rapport.command.complaint;

import java.time.Instant;

import dev.rapport.events.complaint.SlaDeadline;

/**
 * The payload of a complaint's SLA deadline. It carries its due time so that a deadline superseded
 * by a newer one (a reopened complaint gets a new resolution deadline) is recognised and ignored.
 */
public record SlaDue(SlaDeadline deadline, Instant dueBy) {
}
