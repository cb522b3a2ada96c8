package dev.rapport.query.loyalty;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsExpired;
import dev.rapport.events.loyalty.PointsRedeemed;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierGrantExpired;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierRetained;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.query.Projections;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Builds {@code membership_view}, {@code membership_qualifying} and {@code membership_points_lot} from the
 * membership's events, inside the processor's transaction (rows and token commit together). A pure function of
 * the events: no clock; every instant comes from an event. Each membership row remembers the sequence number of
 * the last event applied, and each event is one statement that advances it and writes the other tables only when
 * it advanced (CTE {@code fresh}): a redelivered event writes nothing, in any of the three tables. No handler reads
 * an answer, so the statements go through {@link ProjectionWrites} (batched in a rebuild), keyed by membership.
 */
@Component
@ProcessingGroup(Projections.LOYALTY_VIEW)
class LoyaltyViewProjection {

    /** The membership's debt before the event, when the event at {@code :version} was not applied before. */
    private static final String FRESH = """
            fresh AS (
                SELECT points_debt FROM membership_view WHERE membership_id = :membership AND aggregate_version < :version
            )""";

    private final ProjectionWrites writes;
    private final Counter handled;

    LoyaltyViewProjection(ProjectionWrites writes, MeterRegistry meters) {
        this.writes = writes;
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", Projections.LOYALTY_VIEW)
                .register(meters);
    }

    @EventHandler
    void on(MemberEnrolled event, @SequenceNumber long sequence) {
        handled.increment();
        writes.write(event.membershipId(), """
                        INSERT INTO membership_view (membership_id, customer_id, member_number, enrolled_at, tier, tier_since,
                            aggregate_version)
                        VALUES (:membership, :customer, :number, :at, :tier, :at, :version)
                        ON CONFLICT (membership_id) DO NOTHING""",
                Map.of("membership", event.membershipId(), "customer", event.customerId(), "number", event.memberNumber(),
                        "at", Timestamp.from(event.enrolledAt()), "tier", Tier.BASE.name(), "version", sequence));
    }

    /** New points pay off the debt first; what is left becomes a lot (and a sale's credit a qualifying row). */
    @EventHandler
    void on(PointsEarned event, @SequenceNumber long sequence) {
        handled.increment();
        Map<String, Object> params = new HashMap<>(Map.of("balance", event.balanceAfter(), "points", event.points(),
                "source", event.source().name(), "earnedAt", Timestamp.from(event.earnedAt()),
                "expiresAt", Timestamp.from(event.expiresAt())));
        params.put("reference", event.reference());
        List<String> ctes = new ArrayList<>(List.of(FRESH, PointsLots.CREDIT));
        if (event.source() == PointsSource.SALE) {
            ctes.add(QualifyingSales.CREDIT);
            params.put("qualifyingPoints", event.qualifyingPoints());
            params.put("amount", event.saleAmount().amount());
        }
        advance(event.membershipId(), sequence, ctes, """
                        points_balance = :balance, lifetime_earned = lifetime_earned + :points,
                        points_debt = points_debt - LEAST(points_debt, :points)""", params);
    }

    @EventHandler
    void on(PointsRedeemed event, @SequenceNumber long sequence) {
        handled.increment();
        Map<String, Object> params = new HashMap<>(Map.of("balance", event.balanceAfter(), "points", event.points()));
        params.put("sale", null);
        advance(event.membershipId(), sequence, List.of(FRESH, PointsLots.TAKE),
                "points_balance = :balance, lifetime_redeemed = lifetime_redeemed + :points", params);
    }

    /** Takes back a sale's points from that sale's lot first, then from the oldest lots; what they cannot cover becomes debt. */
    @EventHandler
    void on(PointsReversed event, @SequenceNumber long sequence) {
        handled.increment();
        advance(event.membershipId(), sequence, List.of(FRESH, QualifyingSales.REVERSE, PointsLots.TAKE), """
                        points_balance = :balance, lifetime_reversed = lifetime_reversed + :points,
                        points_debt = points_debt + GREATEST(0, :points - (SELECT COALESCE(SUM(points), 0) FROM took))""",
                Map.of("balance", event.balanceAfter(), "points", event.points(), "sale", event.saleId(),
                        "qualifyingPoints", event.qualifyingPointsReversed(), "refund", event.refundAmount().amount()));
    }

    @EventHandler
    void on(PointsExpired event, @SequenceNumber long sequence) {
        handled.increment();
        advance(event.membershipId(), sequence, List.of(FRESH, PointsLots.EXPIRE),
                "points_balance = :balance, lifetime_expired = lifetime_expired + :points",
                Map.of("balance", event.balanceAfter(), "points", event.points(), "expiredAt", Timestamp.from(event.expiredAt())));
    }

    @EventHandler
    void on(TierUpgraded event, @SequenceNumber long sequence) {
        handled.increment();
        // a tier earned above a granted one ends the grant
        advance(event.membershipId(), sequence, "tier = :tier, tier_since = :at, granted_tier = NULL, grant_expires_at = NULL",
                Map.of("tier", event.to().name(), "at", Timestamp.from(event.upgradedAt())));
    }

    @EventHandler
    void on(TierGranted event, @SequenceNumber long sequence) {
        handled.increment();
        advance(event.membershipId(), sequence, """
                        tier_since = CASE WHEN tier = :tier THEN tier_since ELSE :at END, tier = :tier,
                        granted_tier = :tier, grant_expires_at = :expiresAt""",
                Map.of("tier", event.to().name(), "at", Timestamp.from(event.grantedAt()),
                        "expiresAt", Timestamp.from(event.expiresAt())));
    }

    @EventHandler
    void on(TierGrantExpired event, @SequenceNumber long sequence) {
        handled.increment();
        advance(event.membershipId(), sequence, """
                        tier_since = CASE WHEN tier = :tier THEN tier_since ELSE :at END, tier = :tier,
                        granted_tier = NULL, grant_expires_at = NULL""",
                Map.of("tier", event.to().name(), "at", Timestamp.from(event.expiredAt())));
    }

    @EventHandler
    void on(TierRetained event, @SequenceNumber long sequence) {
        handled.increment();
        advance(event.membershipId(), sequence, "last_review_outcome = :outcome, last_reviewed_at = :at",
                Map.of("outcome", ReviewOutcome.RETAINED.name(), "at", Timestamp.from(event.reviewedAt())));
    }

    @EventHandler
    void on(TierDowngraded event, @SequenceNumber long sequence) {
        handled.increment();
        advance(event.membershipId(), sequence, """
                        tier = :tier, tier_since = :at, last_review_outcome = :outcome, last_reviewed_at = :at""",
                Map.of("tier", event.to().name(), "at", Timestamp.from(event.downgradedAt()),
                        "outcome", ReviewOutcome.DOWNGRADED.name()));
    }

    /** Applies {@code assignments} to the membership row and records {@code sequence} as applied, unless it was before. */
    private void advance(String membershipId, long sequence, String assignments, Map<String, ?> params) {
        advance(membershipId, sequence, List.of(), assignments, params);
    }

    /**
     * As {@link #advance(String, long, String, Map)}, after the CTEs {@code with} (the first of them {@link #FRESH}),
     * which see the rows as they were before the event and write only when it was not applied before.
     */
    private void advance(String membershipId, long sequence, List<String> with, String assignments, Map<String, ?> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("membership", membershipId);
        all.put("version", sequence);
        writes.write(membershipId, (with.isEmpty() ? "" : "WITH " + String.join(", ", with) + "\n")
                + "UPDATE membership_view SET " + assignments + ", aggregate_version = :version"
                + " WHERE membership_id = :membership AND aggregate_version < :version", all);
    }
}
