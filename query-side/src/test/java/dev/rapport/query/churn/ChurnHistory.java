package dev.rapport.query.churn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintReopened;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.interaction.ServiceScores;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierRetained;
import dev.rapport.events.loyalty.TierUpgraded;
import org.axonframework.eventhandling.ReplayStatus;

/**
 * One customer's events fed to the churn projection with the sequence numbers their aggregates would give them
 * (the customer's registration and the membership's enrolment are 0, each complaint's filing 0). Every event fed
 * is remembered, so a test can deliver the whole history again.
 */
final class ChurnHistory {

    private final ChurnAlertProjection projection;
    private final String customerId;
    private final List<Runnable> delivered = new ArrayList<>();
    private final Map<String, Long> complaintSequences = new HashMap<>();
    private long customerSequence;
    private long membershipSequence;
    private int interactions;
    private ReplayStatus status = ReplayStatus.REGULAR;

    ChurnHistory(ChurnAlertProjection projection, String customerId) {
        this.projection = projection;
        this.customerId = customerId;
    }

    ChurnHistory consent(ContactChannel channel, boolean optedIn, Instant at) {
        long sequence = ++customerSequence;
        return deliver(() -> projection.on(new ConsentChanged(customerId, channel, optedIn, "web-form", at), sequence, status));
    }

    ChurnHistory closed(Instant at) {
        long sequence = ++customerSequence;
        return deliver(() -> projection.on(new CustomerClosed(customerId, ClosureReason.COMPETITOR, null, "emp-1", at), sequence, status));
    }

    ChurnHistory reactivated(Instant at) {
        long sequence = ++customerSequence;
        return deliver(() -> projection.on(new CustomerReactivated(customerId, at), sequence, status));
    }

    ChurnHistory complaintFiled(String complaintId, Instant at) {
        complaintSequences.put(complaintId, 0L);
        return deliver(() -> projection.on(new ComplaintFiled(complaintId, customerId, ComplaintCategory.SERVICE, Severity.HIGH,
                InteractionChannel.PHONE, "late delivery", at, at.plusSeconds(8 * 3600), at.plusSeconds(4 * 86400)), 0, status));
    }

    ChurnHistory slaBreached(String complaintId, SlaDeadline deadline, Instant at) {
        long sequence = nextOf(complaintId);
        return deliver(() -> projection.on(new ComplaintSlaBreached(complaintId, customerId, deadline, at.minusSeconds(60), at, 60),
                sequence, status));
    }

    ChurnHistory complaintReopened(String complaintId, Instant at) {
        long sequence = nextOf(complaintId);
        return deliver(() -> projection.on(new ComplaintReopened(complaintId, customerId, "not fixed", at, at.plusSeconds(86400)),
                sequence, status));
    }

    ChurnHistory complaintClosed(String complaintId, int satisfaction, Instant at) {
        long sequence = nextOf(complaintId);
        return deliver(() -> projection.on(new ComplaintClosed(complaintId, customerId, satisfaction, true, at), sequence, status));
    }

    /** A contact where the customer gave a satisfaction score. */
    ChurnHistory scored(int satisfaction, Instant occurredAt) {
        return interaction(satisfaction, null, occurredAt);
    }

    /** A contact with a survey and no separate satisfaction score. */
    ChurnHistory surveyed(int overall, Instant occurredAt) {
        return interaction(null, new ServiceScores(overall, overall, overall, overall, overall, overall), occurredAt);
    }

    ChurnHistory downgraded(Tier from, Tier to, Instant at) {
        long sequence = ++membershipSequence;
        return deliver(() -> projection.on(new TierDowngraded("m-" + customerId, customerId, from, to, 0, 0, "review", at), sequence, status));
    }

    ChurnHistory upgraded(Tier from, Tier to, Instant at) {
        long sequence = ++membershipSequence;
        return deliver(() -> projection.on(new TierUpgraded("m-" + customerId, customerId, from, to, 0, 0, "points", at), sequence, status));
    }

    ChurnHistory retained(Tier tier, Instant at) {
        long sequence = ++membershipSequence;
        return deliver(() -> projection.on(new TierRetained("m-" + customerId, customerId, tier, 0, 0, at), sequence, status));
    }

    ChurnHistory granted(Tier from, Tier to, Instant at) {
        long sequence = ++membershipSequence;
        return deliver(() -> projection.on(new TierGranted("m-" + customerId, customerId, from, to, "status match", "emp-1", at,
                at.plusSeconds(365L * 86400)), sequence, status));
    }

    /** The events fed from now on come as a replay of history would (a rebuild). */
    ChurnHistory replaying() {
        status = ReplayStatus.REPLAY;
        return this;
    }

    /** Delivers every event fed so far again, in the same order. */
    void redeliverAll() {
        List.copyOf(delivered).forEach(Runnable::run);
    }

    private ChurnHistory interaction(Integer satisfaction, ServiceScores survey, Instant occurredAt) {
        String id = customerId + "-i-" + (++interactions);
        return deliver(() -> projection.on(new InteractionLogged(id, customerId, InteractionChannel.PHONE, Direction.OUTBOUND,
                null, "check-in", null, "emp-1", satisfaction, null, survey, null, occurredAt, occurredAt), status));
    }

    private long nextOf(String complaintId) {
        return complaintSequences.merge(complaintId, 1L, Long::sum);
    }

    private ChurnHistory deliver(Runnable event) {
        delivered.add(event);
        event.run();
        return this;
    }
}
