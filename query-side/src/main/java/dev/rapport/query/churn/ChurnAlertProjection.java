package dev.rapport.query.churn;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

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
import dev.rapport.query.writes.ProjectionWrites;
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
    private final ProjectionWrites writes;
    private final CustomerChurnState customers = new CustomerChurnState();
    private final ComplaintChurnState complaints = new ComplaintChurnState();
    private final EventDrivenReasons reasons = new EventDrivenReasons();
    private final ChurnAlerts alerts;
    private final ChurnLevelFollower levels;
    private final Counter handled;

    ChurnAlertProjection(JdbcClient jdbc, ProjectionWrites writes, ChurnAlerts alerts, ChurnLevelFollower levels,
                         MeterRegistry meters) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.alerts = alerts;
        this.levels = levels;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", Projections.CHURN_ALERTS)
                .register(meters);
    }

    @EventHandler
    void on(ConsentChanged event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.changedAt(),
                out -> customers.consent(out, event.customerId(), sequence, event.channel().name(), event.optedIn(), event.changedAt()));
    }

    @EventHandler
    void on(CustomerClosed event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.closedAt(), out -> customers.closed(out, event.customerId(), sequence));
    }

    @EventHandler
    void on(CustomerReactivated event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reactivatedAt(),
                out -> customers.reactivated(out, event.customerId(), sequence, event.reactivatedAt()));
    }

    @EventHandler
    void on(InteractionLogged event, ReplayStatus replay) {
        Integer score = event.satisfaction() != null ? event.satisfaction()
                : event.survey() != null ? Integer.valueOf(event.survey().overall()) : null;
        if (score == null) {
            return;
        }
        apply(replay, event.customerId(), event.occurredAt(), out -> {
            customers.score(out, event.customerId(), score, event.occurredAt());
            if (score >= RECOVERED_SCORE) {
                complaints.recovered(out, event.customerId(), event.occurredAt());
            }
        });
    }

    @EventHandler
    void on(ComplaintFiled event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.filedAt(), out -> complaints.filed(out, event.complaintId(), event.customerId(), sequence));
    }

    @EventHandler
    void on(ComplaintSlaBreached event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.detectedAt(), out -> complaints.slaBreached(out, event.complaintId(),
                event.customerId(), sequence, event.deadline().name(), event.detectedAt()));
    }

    @EventHandler
    void on(ComplaintReopened event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reopenedAt(),
                out -> complaints.reopened(out, event.complaintId(), event.customerId(), sequence, event.reopenedAt()));
    }

    @EventHandler
    void on(ComplaintClosed event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.closedAt(), out -> complaints.closed(out, event.complaintId(), event.customerId(),
                sequence, event.satisfaction(), event.closedAt(), RECOVERED_SCORE));
    }

    @EventHandler
    void on(TierDowngraded event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.downgradedAt(), out -> customers.downgraded(out, event.customerId(), sequence,
                event.from().name(), event.to().name(), event.downgradedAt()));
    }

    @EventHandler
    void on(TierUpgraded event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.upgradedAt(), out -> customers.tierSettled(out, event.customerId(), sequence));
    }

    @EventHandler
    void on(TierRetained event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reviewedAt(), out -> customers.tierSettled(out, event.customerId(), sequence));
    }

    @EventHandler
    void on(TierGranted event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.grantedAt(), out -> customers.tierSettled(out, event.customerId(), sequence));
    }

    /** A replay starts from nothing; the next evaluation brings the time-based reasons back. */
    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE churn_customer, churn_complaint, churn_reason, churn_alert").update();
        jdbc.sql("UPDATE customer_view SET churn_level = NULL WHERE churn_level IS NOT NULL").update();
    }

    /**
     * Applies a state change, then re-derives the customer's reasons and alert. The derivation is a pure function of
     * the state, so after an event that changed nothing (a redelivery, an older score) it changes nothing either: no
     * update count is needed, and a replay's statements can go through {@link ProjectionWrites} (batched in a rebuild).
     * Live, the statements run at once: the alert changes are read back and pushed to the stream's subscribers, and the
     * level of a changed alert goes to {@code customer_view} after the commit ({@link ChurnLevelFollower}). Alert changes found while
     * replaying history (a rebuild) are not news: subscribers are not told, and the level goes to {@code customer_view}
     * in the replay's transaction (in a rebuild, an empty stand-in; the swap aligns the live table).
     */
    private void apply(ReplayStatus replay, String customerId, Instant at, Consumer<ChurnStatements> change) {
        handled.increment();
        ChurnLocks.writeShared(jdbc);
        if (replay.isReplay()) {
            ChurnStatements out = writes::write;
            change.accept(out);
            reasons.refresh(out, customerId);
            alerts.refreshQuietly(out, customerId, at);
        } else {
            ChurnStatements out = (key, sql, params) -> jdbc.sql(sql).params(params).update();
            change.accept(out);
            reasons.refresh(out, customerId);
            if (!alerts.refresh(List.of(customerId), at, true).isEmpty()) {
                levels.follow(customerId); // only a changed alert can change the level
            }
        }
    }
}
