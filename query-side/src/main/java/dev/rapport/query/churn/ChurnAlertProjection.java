package dev.rapport.query.churn;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintReopened;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierRetained;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.query.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event-driven churn reasons (docs/churn-alerts.md): each event updates the state the rules need, then
 * the customer's reasons are derived from that state and the alert from the reasons, all in the processor's
 * transaction. A pure function of the events: no clock, every instant is an event's business time. Events are
 * applied once each (by sequence number, or by contact time for satisfaction scores), so a redelivery changes
 * nothing.
 */
@Component
@ProcessingGroup(Projections.CHURN_ALERTS)
class ChurnAlertProjection {

    /** Scores at or above this count as a positive signal that recovers a complaint closed badly. */
    private static final int RECOVERED_SCORE = 4;

    private final JdbcClient jdbc;
    private final CustomerChurnState customers;
    private final ComplaintChurnState complaints;
    private final EventDrivenReasons reasons;
    private final ChurnAlerts alerts;
    private final Counter handled;

    ChurnAlertProjection(JdbcClient jdbc, ChurnAlerts alerts, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.customers = new CustomerChurnState(jdbc);
        this.complaints = new ComplaintChurnState(jdbc);
        this.reasons = new EventDrivenReasons(jdbc);
        this.alerts = alerts;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", Projections.CHURN_ALERTS)
                .register(meters);
    }

    @EventHandler
    void on(ConsentChanged event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.changedAt(),
                () -> customers.consent(event.customerId(), sequence, event.channel().name(), event.optedIn(), event.changedAt()));
    }

    @EventHandler
    void on(CustomerClosed event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.closedAt(), () -> customers.closed(event.customerId(), sequence));
    }

    @EventHandler
    void on(CustomerReactivated event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reactivatedAt(),
                () -> customers.reactivated(event.customerId(), sequence, event.reactivatedAt()));
    }

    @EventHandler
    void on(InteractionLogged event, ReplayStatus replay) {
        Integer score = event.satisfaction() != null ? event.satisfaction()
                : event.survey() != null ? Integer.valueOf(event.survey().overall()) : null;
        if (score == null) {
            return;
        }
        apply(replay, event.customerId(), event.occurredAt(), () -> {
            boolean latest = customers.score(event.customerId(), score, event.occurredAt());
            if (score >= RECOVERED_SCORE) {
                complaints.recovered(event.customerId(), event.occurredAt());
            }
            return latest || score >= RECOVERED_SCORE;
        });
    }

    @EventHandler
    void on(ComplaintFiled event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.filedAt(), () -> complaints.filed(event.complaintId(), event.customerId(), sequence));
    }

    @EventHandler
    void on(ComplaintSlaBreached event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.detectedAt(), () -> complaints.slaBreached(event.complaintId(), event.customerId(), sequence,
                event.deadline().name(), event.detectedAt()));
    }

    @EventHandler
    void on(ComplaintReopened event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reopenedAt(),
                () -> complaints.reopened(event.complaintId(), event.customerId(), sequence, event.reopenedAt()));
    }

    @EventHandler
    void on(ComplaintClosed event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.closedAt(), () -> {
            boolean applied = complaints.closed(event.complaintId(), event.customerId(), sequence, event.satisfaction(),
                    event.closedAt());
            if (applied && event.satisfaction() >= RECOVERED_SCORE) {
                complaints.recovered(event.customerId(), event.closedAt());
            }
            return applied;
        });
    }

    @EventHandler
    void on(TierDowngraded event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.downgradedAt(), () -> customers.downgraded(event.customerId(), sequence,
                event.from().name(), event.to().name(), event.downgradedAt()));
    }

    @EventHandler
    void on(TierUpgraded event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.upgradedAt(), () -> customers.tierSettled(event.customerId(), sequence));
    }

    @EventHandler
    void on(TierRetained event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reviewedAt(), () -> customers.tierSettled(event.customerId(), sequence));
    }

    @EventHandler
    void on(TierGranted event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.grantedAt(), () -> customers.tierSettled(event.customerId(), sequence));
    }

    /** A replay starts from nothing; the next evaluation brings the time-based reasons back. */
    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE churn_customer, churn_complaint, churn_reason, churn_alert").update();
        jdbc.sql("UPDATE customer_view SET churn_level = NULL WHERE churn_level IS NOT NULL").update();
    }

    /**
     * Applies a state change and, when it changed anything, re-derives the customer's reasons and alert. Alert
     * changes found while replaying history (a rebuild) are not news: subscribers are not told.
     */
    private void apply(ReplayStatus replay, String customerId, Instant at, BooleanSupplier change) {
        handled.increment();
        ChurnLocks.writeShared(jdbc);
        if (change.getAsBoolean()) {
            reasons.refresh(customerId);
            alerts.refresh(List.of(customerId), at, !replay.isReplay());
        }
    }
}
