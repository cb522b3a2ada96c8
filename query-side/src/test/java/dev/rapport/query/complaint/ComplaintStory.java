package dev.rapport.query.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.rapport.events.complaint.ComplaintAcknowledged;
import dev.rapport.events.complaint.ComplaintAssigned;
import dev.rapport.events.complaint.ComplaintCategory;
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
import dev.rapport.events.interaction.InteractionChannel;

/**
 * One complaint's events, as the command side would emit them (default SLA, a breach followed by an
 * automatic escalation), delivered to the projection with their sequence numbers. Times are given in
 * hours after filing, which keeps the statistics easy to compute by hand.
 */
final class ComplaintStory {

    private final ComplaintViewProjection projection;
    private final String complaintId;
    private final String customerId;
    private long sequence = -1;
    private final List<Runnable> deliveries = new ArrayList<>();
    private Instant filedAt;
    private Severity severity;
    private Instant acknowledgeDueBy;
    private Instant resolveDueBy;
    private Instant followUpDueBy;
    private int escalationLevel;
    private boolean everyResolutionWithinSla = true;

    ComplaintStory(ComplaintViewProjection projection, String complaintId, String customerId) {
        this.projection = projection;
        this.complaintId = complaintId;
        this.customerId = customerId;
    }

    ComplaintStory filed(ComplaintCategory category, Severity severity, Instant at) {
        this.filedAt = at;
        this.severity = severity;
        this.acknowledgeDueBy = at.plus(acknowledgeWithin(severity));
        this.resolveDueBy = at.plus(resolveWithin(severity));
        var event = new ComplaintFiled(complaintId, customerId, category, severity, InteractionChannel.PHONE, "personal account",
                at, acknowledgeDueBy, resolveDueBy);
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory acknowledged(double hours) {
        Instant at = at(hours);
        var event = new ComplaintAcknowledged(complaintId, customerId, "emp-1", at, !at.isAfter(acknowledgeDueBy));
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory assigned(double hours, String assignee) {
        var event = new ComplaintAssigned(complaintId, customerId, assignee, at(hours));
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory escalated(double hours) {
        var event = new ComplaintEscalated(complaintId, customerId, ++escalationLevel, "customer asked for a manager", false, at(hours));
        return deliver(seq -> projection.on(event, seq));
    }

    /** The deadline passed at its due time and was detected {@code hours} after filing; escalates, as the command side does. */
    ComplaintStory breached(SlaDeadline deadline, double hours) {
        Instant dueBy = switch (deadline) {
            case ACKNOWLEDGE -> acknowledgeDueBy;
            case RESOLVE -> resolveDueBy;
            case FOLLOW_UP -> followUpDueBy;
        };
        Instant at = at(hours);
        var breach = new ComplaintSlaBreached(complaintId, customerId, deadline, dueBy, at, Duration.between(dueBy, at).toSeconds());
        deliver(seq -> projection.on(breach, seq));
        var escalation = new ComplaintEscalated(complaintId, customerId, ++escalationLevel, "SLA missed", true, at);
        return deliver(seq -> projection.on(escalation, seq));
    }

    ComplaintStory resolved(double hours) {
        Instant at = at(hours);
        boolean withinSla = !at.isAfter(resolveDueBy);
        everyResolutionWithinSla &= withinSla;
        followUpDueBy = at.plus(Duration.ofDays(3));
        var event = new ComplaintResolved(complaintId, customerId, "personal resolution", null, "emp-2", at, withinSla, followUpDueBy);
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory followedUp(double hours) {
        Instant at = at(hours);
        var event = new ComplaintFollowedUp(complaintId, customerId, "i-" + complaintId, at, !at.isAfter(followUpDueBy));
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory confirmed(double hours) {
        var event = new ComplaintResolutionConfirmed(complaintId, customerId, at(hours));
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory reopened(double hours) {
        Instant at = at(hours);
        resolveDueBy = at.plus(resolveWithin(severity));
        followUpDueBy = null;
        var event = new ComplaintReopened(complaintId, customerId, "personal reason", at, resolveDueBy);
        return deliver(seq -> projection.on(event, seq));
    }

    ComplaintStory closed(double hours, int satisfaction) {
        var event = new ComplaintClosed(complaintId, customerId, satisfaction, everyResolutionWithinSla, at(hours));
        return deliver(seq -> projection.on(event, seq));
    }

    /** The last event again, with the same sequence number, as after a crash before the token was stored. */
    ComplaintStory redeliveredLast() {
        deliveries.get(deliveries.size() - 1).run();
        return this;
    }

    /** Every event so far again, in order, as when a whole batch is handled a second time. */
    ComplaintStory redeliveredAll() {
        List.copyOf(deliveries).forEach(Runnable::run);
        return this;
    }

    Instant at(double hours) {
        return filedAt.plusSeconds(Math.round(hours * 3600));
    }

    Instant resolveDueBy() {
        return resolveDueBy;
    }

    private ComplaintStory deliver(java.util.function.LongConsumer handler) {
        long seq = ++sequence;
        Runnable delivery = () -> handler.accept(seq);
        deliveries.add(delivery);
        delivery.run();
        return this;
    }

    private static Duration acknowledgeWithin(Severity severity) {
        return switch (severity) {
            case CRITICAL -> Duration.ofHours(2);
            case HIGH -> Duration.ofHours(8);
            default -> Duration.ofHours(24);
        };
    }

    private static Duration resolveWithin(Severity severity) {
        return switch (severity) {
            case CRITICAL -> Duration.ofDays(2);
            case HIGH -> Duration.ofDays(4);
            default -> Duration.ofDays(7);
        };
    }
}
