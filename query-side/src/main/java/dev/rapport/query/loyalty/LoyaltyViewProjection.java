package dev.rapport.query.loyalty;

import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds {@code membership_view}, {@code membership_qualifying} and {@code membership_points_lot} from the
 * membership's events, inside the processor's transaction (rows and token commit together). A pure function of
 * the events: no clock; every instant comes from an event. Each membership row remembers the sequence number of
 * the last event applied, and every handler first advances it: a redelivered event advances nothing and so
 * writes nothing, in any of the three tables.
 */
@Component
@ProcessingGroup(Projections.LOYALTY_VIEW)
class LoyaltyViewProjection {

    private final JdbcClient jdbc;
    private final PointsLots lots;
    private final QualifyingSales sales;
    private final Counter handled;

    LoyaltyViewProjection(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.lots = new PointsLots(jdbc);
        this.sales = new QualifyingSales(jdbc);
        this.handled = Counter.builder("rapport.projection.events")
                .description("Events handled by a projection")
                .tag("projection", Projections.LOYALTY_VIEW)
                .register(meters);
    }

    @EventHandler
    void on(MemberEnrolled event, @SequenceNumber long sequence) {
        handled.increment();
        jdbc.sql("""
                        INSERT INTO membership_view (membership_id, customer_id, member_number, enrolled_at, tier, tier_since,
                            aggregate_version)
                        VALUES (:membership, :customer, :number, :at, :tier, :at, :version)
                        ON CONFLICT (membership_id) DO NOTHING""")
                .param("membership", event.membershipId())
                .param("customer", event.customerId())
                .param("number", event.memberNumber())
                .param("at", Timestamp.from(event.enrolledAt()))
                .param("tier", Tier.BASE.name())
                .param("version", sequence)
                .update();
    }

    @EventHandler
    void on(PointsEarned event, @SequenceNumber long sequence) {
        handled.increment();
        Optional<Long> debt = debtBefore(event.membershipId(), sequence);
        if (debt.isEmpty()) {
            return;
        }
        long repaid = Math.min(debt.get(), event.points());
        advance(event.membershipId(), sequence, """
                        points_balance = :balance, lifetime_earned = lifetime_earned + :points,
                        points_debt = points_debt - :repaid""",
                Map.of("balance", event.balanceAfter(), "points", event.points(), "repaid", repaid));
        lots.credit(event, sequence, repaid);
        if (event.source() == PointsSource.SALE) {
            sales.credit(event);
        }
    }

    @EventHandler
    void on(PointsRedeemed event, @SequenceNumber long sequence) {
        handled.increment();
        if (advance(event.membershipId(), sequence, "points_balance = :balance, lifetime_redeemed = lifetime_redeemed + :points",
                Map.of("balance", event.balanceAfter(), "points", event.points()))) {
            lots.redeem(event.membershipId(), event.points());
        }
    }

    @EventHandler
    void on(PointsReversed event, @SequenceNumber long sequence) {
        handled.increment();
        if (!advance(event.membershipId(), sequence, "points_balance = :balance, lifetime_reversed = lifetime_reversed + :points",
                Map.of("balance", event.balanceAfter(), "points", event.points()))) {
            return;
        }
        sales.reverse(event);
        long uncovered = lots.reverse(event.membershipId(), event.saleId(), event.points());
        if (uncovered > 0) {
            jdbc.sql("UPDATE membership_view SET points_debt = points_debt + :debt WHERE membership_id = :membership")
                    .param("debt", uncovered)
                    .param("membership", event.membershipId())
                    .update();
        }
    }

    @EventHandler
    void on(PointsExpired event, @SequenceNumber long sequence) {
        handled.increment();
        if (advance(event.membershipId(), sequence, "points_balance = :balance, lifetime_expired = lifetime_expired + :points",
                Map.of("balance", event.balanceAfter(), "points", event.points()))) {
            lots.expire(event.membershipId(), event.expiredAt());
        }
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

    /** The membership's debt, unless the event at {@code sequence} was already applied (or the member is unknown). */
    private Optional<Long> debtBefore(String membershipId, long sequence) {
        return jdbc.sql("SELECT points_debt FROM membership_view WHERE membership_id = :membership AND aggregate_version < :version")
                .param("membership", membershipId)
                .param("version", sequence)
                .query(Long.class)
                .optional();
    }

    /**
     * Applies {@code assignments} to the membership row and records {@code sequence} as applied.
     *
     * @return false when the event was applied before: the caller then writes nothing else either
     */
    private boolean advance(String membershipId, long sequence, String assignments, Map<String, ?> params) {
        return jdbc.sql("UPDATE membership_view SET " + assignments + ", aggregate_version = :version"
                        + " WHERE membership_id = :membership AND aggregate_version < :version")
                .params(params)
                .param("membership", membershipId)
                .param("version", sequence)
                .update() == 1;
    }
}
