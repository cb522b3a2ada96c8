package dev.rapport.query.complaint;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

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
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.query.Projections;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Builds {@code complaint_view} from the complaint events, inside the processor's transaction. A pure
 * function of the events: times come from the events, never from a clock. Each row remembers the
 * sequence number of the complaint's last applied event, so a redelivered event (a breach above all,
 * which adds to a counter) changes nothing.
 */
@Component
@ProcessingGroup(Projections.COMPLAINT_VIEW)
class ComplaintViewProjection {

    private static final String OPEN = ComplaintState.OPEN_SQL;
    private static final Map<SlaDeadline, String> BREACH_COLUMNS = Map.of(
            SlaDeadline.ACKNOWLEDGE, "acknowledge_breaches",
            SlaDeadline.RESOLVE, "resolve_breaches",
            SlaDeadline.FOLLOW_UP, "follow_up_breaches");

    private final ProjectionWrites writes;
    private final Counter handled;

    ComplaintViewProjection(ProjectionWrites writes, MeterRegistry meters) {
        this.writes = writes;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", Projections.COMPLAINT_VIEW)
                .register(meters);
    }

    @EventHandler
    void on(ComplaintFiled event, @SequenceNumber long sequence) {
        handled.increment();
        writes.write(event.complaintId(), """
                        INSERT INTO complaint_view (complaint_id, customer_id, category, severity, channel, state, filed_at,
                            acknowledge_due_by, resolve_due_by, aggregate_version)
                        VALUES (:id, :customer, :category, :severity, :channel, 'FILED', :filedAt, :ackDue, :resolveDue, :version)
                        ON CONFLICT (complaint_id) DO NOTHING""",
                params("id", event.complaintId(), "customer", event.customerId(), "category", event.category().name(),
                        "severity", event.severity().name(), "channel", event.channel() == null ? null : event.channel().name(),
                        "filedAt", time(event.filedAt()), "ackDue", time(event.acknowledgeDueBy()),
                        "resolveDue", time(event.resolveDueBy()), "version", sequence));
    }

    @EventHandler
    void on(ComplaintAcknowledged event, @SequenceNumber long sequence) {
        update(event.complaintId(), sequence, """
                        acknowledged_at = :at, acknowledged_by = :by,
                        state = CASE WHEN state = 'FILED' THEN 'ACKNOWLEDGED' ELSE state END""",
                params("at", time(event.acknowledgedAt()), "by", event.acknowledgedBy()));
    }

    @EventHandler
    void on(ComplaintAssigned event, @SequenceNumber long sequence) {
        // an escalated complaint stays escalated when it changes hands
        update(event.complaintId(), sequence, """
                        assignee = :assignee,
                        state = CASE WHEN state IN ('FILED', 'ACKNOWLEDGED', 'REOPENED') THEN 'ASSIGNED' ELSE state END""",
                params("assignee", event.assignee()));
    }

    @EventHandler
    void on(ComplaintEscalated event, @SequenceNumber long sequence) {
        // a missed follow-up escalates a resolved complaint: it stays resolved
        update(event.complaintId(), sequence, "escalation_level = :level,"
                        + " state = CASE WHEN state IN (" + OPEN + ") THEN 'ESCALATED' ELSE state END",
                params("level", event.level()));
    }

    @EventHandler
    void on(ComplaintSlaBreached event, @SequenceNumber long sequence) {
        String column = BREACH_COLUMNS.get(event.deadline());
        update(event.complaintId(), sequence, column + " = " + column + " + 1", params());
    }

    @EventHandler
    void on(ComplaintResolved event, @SequenceNumber long sequence) {
        update(event.complaintId(), sequence, """
                        state = 'RESOLVED', resolved_at = :at, resolved_by = :by, follow_up_due_by = :followUpDue,
                        followed_up_at = NULL, resolution_confirmed_at = NULL,
                        resolved_within_sla = COALESCE(resolved_within_sla, TRUE) AND :withinSla""",
                params("at", time(event.resolvedAt()), "by", event.resolvedBy(),
                        "followUpDue", time(event.followUpDueBy()), "withinSla", event.withinSla()));
    }

    @EventHandler
    void on(ComplaintFollowedUp event, @SequenceNumber long sequence) {
        update(event.complaintId(), sequence, "followed_up_at = :at", params("at", time(event.followedUpAt())));
    }

    @EventHandler
    void on(ComplaintResolutionConfirmed event, @SequenceNumber long sequence) {
        update(event.complaintId(), sequence, "resolution_confirmed_at = :at", params("at", time(event.confirmedAt())));
    }

    @EventHandler
    void on(ComplaintReopened event, @SequenceNumber long sequence) {
        update(event.complaintId(), sequence, """
                        state = 'REOPENED', resolve_due_by = :resolveDue, follow_up_due_by = NULL,
                        resolution_confirmed_at = NULL, reopen_count = reopen_count + 1""",
                params("resolveDue", time(event.resolveDueBy())));
    }

    @EventHandler
    void on(ComplaintClosed event, @SequenceNumber long sequence) {
        // the command side's verdict on every resolution is the one that counts
        update(event.complaintId(), sequence, """
                        state = 'CLOSED', closed_at = :at, satisfaction = :satisfaction, resolved_within_sla = :withinSla,
                        recovered = (:withinSla AND :satisfaction >= 4)""",
                params("at", time(event.closedAt()), "satisfaction", event.satisfaction(), "withinSla", event.resolvedWithinSla()));
    }

    /** A replay rebuilds the view from scratch. */
    @ResetHandler
    void reset() {
        writes.now("TRUNCATE complaint_view");
    }

    private void update(String complaintId, long sequence, String assignments, Map<String, Object> params) {
        handled.increment();
        params.put("id", complaintId);
        params.put("version", sequence);
        writes.write(complaintId, "UPDATE complaint_view SET " + assignments + ", aggregate_version = :version"
                + " WHERE complaint_id = :id AND aggregate_version < :version", params);
    }

    /** Named parameters from name, value pairs; values may be null. */
    private static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
