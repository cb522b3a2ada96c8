package dev.rapport.query.churn;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import dev.rapport.query.churn.EventDrivenReasons.Kind;
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

    // the kinds of reason whose part of the state each event changes
    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);
    private static final Set<Kind> COMPLAINTS = Set.of(Kind.COMPLAINT);
    private static final Set<Kind> SCORE = Set.of(Kind.LOW_SATISFACTION);
    private static final Set<Kind> SCORE_AND_RECOVERY = Set.of(Kind.LOW_SATISFACTION, Kind.COMPLAINT);
    private static final Set<Kind> TIER = Set.of(Kind.TIER_DOWNGRADE);
    private static final Set<Kind> CONSENT = Set.of(Kind.UNREACHABLE);

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
        apply(replay, event.customerId(), event.changedAt(), CONSENT,
                out -> customers.consent(out, event.customerId(), sequence, event.channel().name(), event.optedIn(), event.changedAt()));
    }

    @EventHandler
    void on(CustomerClosed event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.closedAt(), ALL, out -> customers.closed(out, event.customerId(), sequence));
    }

    @EventHandler
    void on(CustomerReactivated event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reactivatedAt(), ALL,
                out -> customers.reactivated(out, event.customerId(), sequence, event.reactivatedAt()));
    }

    @EventHandler
    void on(InteractionLogged event, ReplayStatus replay) {
        Integer score = event.satisfaction() != null ? event.satisfaction()
                : event.survey() != null ? Integer.valueOf(event.survey().overall()) : null;
        if (score == null) {
            return;
        }
        apply(replay, event.customerId(), event.occurredAt(), score >= RECOVERED_SCORE ? SCORE_AND_RECOVERY : SCORE, out -> {
            customers.score(out, event.customerId(), score, event.occurredAt());
            if (score >= RECOVERED_SCORE) {
                complaints.recovered(out, event.customerId(), event.occurredAt());
            }
        });
    }

    @EventHandler
    void on(ComplaintFiled event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.filedAt(), COMPLAINTS, out -> complaints.filed(out, event.complaintId(), event.customerId(), sequence));
    }

    @EventHandler
    void on(ComplaintSlaBreached event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.detectedAt(), COMPLAINTS, out -> complaints.slaBreached(out, event.complaintId(),
                event.customerId(), sequence, event.deadline().name(), event.detectedAt()));
    }

    @EventHandler
    void on(ComplaintReopened event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reopenedAt(), COMPLAINTS,
                out -> complaints.reopened(out, event.complaintId(), event.customerId(), sequence, event.reopenedAt()));
    }

    @EventHandler
    void on(ComplaintClosed event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.closedAt(), COMPLAINTS, out -> complaints.closed(out, event.complaintId(), event.customerId(),
                sequence, event.satisfaction(), event.closedAt(), RECOVERED_SCORE));
    }

    @EventHandler
    void on(TierDowngraded event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.downgradedAt(), TIER, out -> customers.downgraded(out, event.customerId(), sequence,
                event.from().name(), event.to().name(), event.downgradedAt()));
    }

    @EventHandler
    void on(TierUpgraded event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.upgradedAt(), TIER, out -> customers.tierSettled(out, event.customerId(), sequence));
    }

    @EventHandler
    void on(TierRetained event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.reviewedAt(), TIER, out -> customers.tierSettled(out, event.customerId(), sequence));
    }

    @EventHandler
    void on(TierGranted event, @SequenceNumber long sequence, ReplayStatus replay) {
        apply(replay, event.customerId(), event.grantedAt(), TIER, out -> customers.tierSettled(out, event.customerId(), sequence));
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
    private void apply(ReplayStatus replay, String customerId, Instant at, Set<Kind> changedKinds, Consumer<ChurnStatements> change) {
        handled.increment();
        ChurnLocks.writeShared(jdbc);
        if (replay.isReplay()) {
            ChurnStatements out = writes::write;
            change.accept(out);
            reasons.refresh(out, customerId, changedKinds);
            alerts.refreshQuietly(out, customerId, at);
        } else {
            ChurnStatements out = (key, sql, params) -> jdbc.sql(sql).params(params).update();
            change.accept(out);
            reasons.refresh(out, customerId, changedKinds);
            if (!alerts.refresh(List.of(customerId), at, true).isEmpty()) {
                levels.follow(customerId); // only a changed alert can change the level
            }
        }
    }
}
