package dev.rapport.command.complaint;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintAcknowledged;
import dev.rapport.events.complaint.ComplaintAssigned;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintEscalated;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintFollowedUp;
import dev.rapport.events.complaint.ComplaintReopened;
import dev.rapport.events.complaint.ComplaintResolutionConfirmed;
import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer's complaint, from filing to closure, under its SLA: each step it waits for (acknowledge,
 * resolve, follow up) has a deadline; a missed one is recorded as a breach and escalates the complaint.
 * Package-private: the rest of the code reaches it only through its commands.
 */
@Aggregate
class Complaint {

    static final String ACKNOWLEDGE_DEADLINE = "complaint-sla-acknowledge";
    static final String RESOLVE_DEADLINE = "complaint-sla-resolve";
    static final String FOLLOW_UP_DEADLINE = "complaint-sla-follow-up";

    /** Where the complaint stands; acknowledgement, assignment and escalation happen while OPEN. */
    private enum Phase { OPEN, RESOLVED, CONFIRMED, CLOSED }

    @AggregateIdentifier
    private String complaintId;
    private String customerId;
    private Severity severity;
    private Phase phase;
    private boolean acknowledged;
    private String assignee;
    private int escalationLevel;
    private Instant acknowledgeDueBy;
    private Instant resolveDueBy;
    private Instant resolvedAt;
    private Instant followUpDueBy;
    private boolean followedUp;
    private boolean everyResolutionWithinSla = true;
    private final Set<SlaDue> breached = new HashSet<>();

    Complaint() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Complaint(FileComplaint command, Clock clock, ComplaintSla sla, DeadlineManager deadlines) {
        if (command.description() == null || command.description().isBlank()) {
            throw new RuleViolation("complaint-description-required", "A complaint needs the customer's account of it");
        }
        Instant now = clock.instant();
        Instant acknowledgeBy = now.plus(sla.acknowledgeWithin(command.severity()));
        Instant resolveBy = now.plus(sla.resolveWithin(command.severity()));
        apply(new ComplaintFiled(command.complaintId(), command.customerId(), command.category(), command.severity(),
                command.channel(), command.description().strip(), now, acknowledgeBy, resolveBy));
        deadlines.schedule(acknowledgeBy, ACKNOWLEDGE_DEADLINE, new SlaDue(SlaDeadline.ACKNOWLEDGE, acknowledgeBy));
        deadlines.schedule(resolveBy, RESOLVE_DEADLINE, new SlaDue(SlaDeadline.RESOLVE, resolveBy));
    }

    @CommandHandler
    void handle(AcknowledgeComplaint command, Clock clock) {
        requireNotClosed();
        if (acknowledged) {
            throw new RuleViolation("complaint-already-acknowledged", "Complaint " + complaintId + " is already acknowledged");
        }
        Instant now = clock.instant();
        apply(new ComplaintAcknowledged(complaintId, customerId, command.acknowledgedBy(), now, !now.isAfter(acknowledgeDueBy)));
    }

    @CommandHandler
    void handle(AssignComplaint command, Clock clock) {
        requireOpen();
        requireAcknowledged();
        if (command.assignee().equals(assignee)) {
            return; // already theirs: no event
        }
        apply(new ComplaintAssigned(complaintId, customerId, command.assignee(), clock.instant()));
    }

    @CommandHandler
    void handle(EscalateComplaint command, Clock clock) {
        requireOpen();
        apply(new ComplaintEscalated(complaintId, customerId, escalationLevel + 1, command.reason(), false, clock.instant()));
    }

    @CommandHandler
    void handle(ResolveComplaint command, Clock clock, ComplaintSla sla, DeadlineManager deadlines) {
        requireOpen();
        requireAcknowledged();
        Compensation compensation = checked(command.compensation());
        Instant now = clock.instant();
        Instant followUpBy = now.plus(sla.followUpWithin());
        apply(new ComplaintResolved(complaintId, customerId, command.resolution(), compensation, command.resolvedBy(), now,
                !now.isAfter(resolveDueBy), followUpBy));
        deadlines.schedule(followUpBy, FOLLOW_UP_DEADLINE, new SlaDue(SlaDeadline.FOLLOW_UP, followUpBy));
    }

    @CommandHandler
    void handle(RecordComplaintFollowUp command) {
        requireResolved();
        if (followedUp) {
            return; // the first contact after the resolution was the follow-up; later ones are ordinary interactions
        }
        if (command.followedUpAt().isBefore(resolvedAt)) {
            throw new RuleViolation("follow-up-before-resolution",
                    "A follow-up must come after the resolution given at " + resolvedAt);
        }
        apply(new ComplaintFollowedUp(complaintId, customerId, command.interactionId(), command.followedUpAt(),
                !command.followedUpAt().isAfter(followUpDueBy)));
    }

    @CommandHandler
    void handle(ConfirmComplaintResolution command, Clock clock) {
        requireResolved();
        if (phase == Phase.CONFIRMED) {
            throw new RuleViolation("complaint-already-confirmed", "The customer already accepted the resolution of complaint " + complaintId);
        }
        apply(new ComplaintResolutionConfirmed(complaintId, customerId, clock.instant()));
    }

    @CommandHandler
    void handle(ReopenComplaint command, Clock clock, ComplaintSla sla, DeadlineManager deadlines) {
        requireResolved();
        Instant now = clock.instant();
        Instant resolveBy = now.plus(sla.resolveWithin(severity));
        apply(new ComplaintReopened(complaintId, customerId, command.reason(), now, resolveBy));
        deadlines.schedule(resolveBy, RESOLVE_DEADLINE, new SlaDue(SlaDeadline.RESOLVE, resolveBy));
    }

    @CommandHandler
    void handle(CloseComplaint command, Clock clock) {
        requireResolved();
        if (command.satisfaction() < 1 || command.satisfaction() > 5) {
            throw new RuleViolation("invalid-satisfaction", "Satisfaction is rated 1 to 5, not " + command.satisfaction());
        }
        apply(new ComplaintClosed(complaintId, customerId, command.satisfaction(), everyResolutionWithinSla, clock.instant()));
    }

    // Deadlines are never cancelled: a step that is done leaves its deadline to fire and do nothing, since
    // each handler checks that its step is still awaited and that the deadline is the current one (SlaDue
    // carries its due time). Cancelling costs O(every pending deadline): Axon's DbSchedulerDeadlineManager
    // finds a scope's deadlines by reading and deserializing all of them (memberships' included).

    @DeadlineHandler(deadlineName = ACKNOWLEDGE_DEADLINE)
    void acknowledgeDeadlinePassed(SlaDue due, Clock clock) {
        if (phase == Phase.OPEN && !acknowledged) {
            breachOnce(due, clock);
        }
    }

    @DeadlineHandler(deadlineName = RESOLVE_DEADLINE)
    void resolveDeadlinePassed(SlaDue due, Clock clock) {
        if (phase == Phase.OPEN && due.dueBy().equals(resolveDueBy)) {
            breachOnce(due, clock);
        }
    }

    @DeadlineHandler(deadlineName = FOLLOW_UP_DEADLINE)
    void followUpDeadlinePassed(SlaDue due, Clock clock) {
        boolean awaitingFollowUp = (phase == Phase.RESOLVED || phase == Phase.CONFIRMED) && !followedUp;
        if (awaitingFollowUp && due.dueBy().equals(followUpDueBy)) {
            breachOnce(due, clock);
        }
    }

    /**
     * A deadline delivered again (db-scheduler runs a task at least once), or an uncancelled one that happens to
     * share its due time with the current one, records nothing a second time.
     */
    private void breachOnce(SlaDue due, Clock clock) {
        if (breached.contains(due)) {
            return;
        }
        Instant now = clock.instant();
        long overdueSeconds = Math.max(0, Duration.between(due.dueBy(), now).toSeconds());
        apply(new ComplaintSlaBreached(complaintId, customerId, due.deadline(), due.dueBy(), now, overdueSeconds));
        apply(new ComplaintEscalated(complaintId, customerId, escalationLevel + 1, slaMissed(due), true, now));
    }

    private static String slaMissed(SlaDue due) {
        return "SLA missed: " + due.deadline() + " was due by " + due.dueBy();
    }

    private void requireNotClosed() {
        if (phase == Phase.CLOSED) {
            throw new RuleViolation("complaint-closed", "Complaint " + complaintId + " is closed");
        }
    }

    /** Not resolved yet (or reopened), and not closed. */
    private void requireOpen() {
        requireNotClosed();
        if (phase != Phase.OPEN) {
            throw new RuleViolation("complaint-already-resolved", "Complaint " + complaintId + " is resolved; reopen it first");
        }
    }

    private void requireAcknowledged() {
        if (!acknowledged) {
            throw new RuleViolation("complaint-not-acknowledged", "Complaint " + complaintId + " must be acknowledged first");
        }
    }

    /** Resolved (confirmed by the customer or not), and not closed. */
    private void requireResolved() {
        requireNotClosed();
        if (phase == Phase.OPEN) {
            throw new RuleViolation("complaint-not-resolved", "Complaint " + complaintId + " has no resolution yet");
        }
    }

    /** @return the compensation with blank parts dropped, or null when nothing is left */
    private static Compensation checked(Compensation compensation) {
        if (compensation == null) {
            return null;
        }
        if (compensation.bonusPoints() != null && compensation.bonusPoints() < 0) {
            throw new RuleViolation("invalid-compensation", "Bonus points cannot be negative: " + compensation.bonusPoints());
        }
        Compensation cleaned = new Compensation(compensation.hasBonusPoints() ? compensation.bonusPoints() : null,
                blankToNull(compensation.refundReference()), blankToNull(compensation.voucherCode()));
        boolean empty = cleaned.bonusPoints() == null && cleaned.refundReference() == null && cleaned.voucherCode() == null;
        return empty ? null : cleaned;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(ComplaintFiled event) {
        complaintId = event.complaintId();
        customerId = event.customerId();
        severity = event.severity();
        phase = Phase.OPEN;
        acknowledgeDueBy = event.acknowledgeDueBy();
        resolveDueBy = event.resolveDueBy();
    }

    @EventSourcingHandler
    void on(ComplaintAcknowledged event) {
        acknowledged = true;
    }

    @EventSourcingHandler
    void on(ComplaintAssigned event) {
        assignee = event.assignee();
    }

    @EventSourcingHandler
    void on(ComplaintSlaBreached event) {
        breached.add(new SlaDue(event.deadline(), event.dueBy()));
    }

    @EventSourcingHandler
    void on(ComplaintEscalated event) {
        escalationLevel = event.level();
    }

    @EventSourcingHandler
    void on(ComplaintResolved event) {
        phase = Phase.RESOLVED;
        resolvedAt = event.resolvedAt();
        followUpDueBy = event.followUpDueBy();
        followedUp = false;
        everyResolutionWithinSla &= event.withinSla();
    }

    @EventSourcingHandler
    void on(ComplaintFollowedUp event) {
        followedUp = true;
    }

    @EventSourcingHandler
    void on(ComplaintResolutionConfirmed event) {
        phase = Phase.CONFIRMED;
    }

    @EventSourcingHandler
    void on(ComplaintReopened event) {
        phase = Phase.OPEN;
        resolveDueBy = event.resolveDueBy();
        followUpDueBy = null;
    }

    @EventSourcingHandler
    void on(ComplaintClosed event) {
        phase = Phase.CLOSED;
    }
}
