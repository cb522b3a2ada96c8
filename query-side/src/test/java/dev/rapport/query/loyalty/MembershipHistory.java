package dev.rapport.query.loyalty;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rapport.events.common.Money;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One membership's event stream, fed to the projection as the event store would: numbered from 0, with the
 * balance after each change worked out as the aggregate does. Any event can be delivered again.
 */
final class MembershipHistory {

    private final LoyaltyViewProjection projection;
    private final String membershipId;
    private final String customerId;
    private final List<Runnable> deliveries = new ArrayList<>();
    private long balance;

    MembershipHistory(LoyaltyViewProjection projection, String customerId) {
        this.projection = projection;
        this.customerId = customerId;
        this.membershipId = "m-" + customerId;
    }

    String id() {
        return membershipId;
    }

    MembershipHistory enrolled(Instant at) {
        return deliver(seq -> projection.on(new MemberEnrolled(membershipId, customerId, "RP" + customerId, at), seq));
    }

    /** A sale's points: {@code qualifyingPoints} base points, {@code points} after multipliers, amount in CNY. */
    MembershipHistory sale(String saleId, Instant at, long points, long qualifyingPoints, String amount) {
        balance += points;
        PointsEarned event = new PointsEarned(membershipId, customerId, points, true, PointsSource.SALE, saleId, at,
                expiryOf(at), balance, qualifyingPoints, Money.of(amount, "CNY"));
        return deliver(seq -> projection.on(event, seq));
    }

    /** A sale worth one base point per yuan and no multiplier. */
    MembershipHistory sale(String saleId, Instant at, long points) {
        return sale(saleId, at, points, points, Long.toString(points));
    }

    MembershipHistory bonus(String campaign, Instant at, long points) {
        balance += points;
        PointsEarned event = new PointsEarned(membershipId, customerId, points, false, PointsSource.CAMPAIGN, campaign, at,
                expiryOf(at), balance, 0, null);
        return deliver(seq -> projection.on(event, seq));
    }

    MembershipHistory redeemed(long points, Instant at) {
        balance -= points;
        PointsRedeemed event = new PointsRedeemed(membershipId, customerId, points, "reward", at, balance);
        return deliver(seq -> projection.on(event, seq));
    }

    MembershipHistory reversed(String saleId, String refundId, long points, long qualifyingPoints, String refund, Instant at) {
        balance -= points;
        PointsReversed event = new PointsReversed(membershipId, customerId, points, saleId, refundId, at, balance,
                qualifyingPoints, Money.of(refund, "CNY"));
        return deliver(seq -> projection.on(event, seq));
    }

    MembershipHistory expired(long points, Instant at) {
        balance -= points;
        PointsExpired event = new PointsExpired(membershipId, customerId, points, at, at, balance);
        return deliver(seq -> projection.on(event, seq));
    }

    MembershipHistory upgraded(Tier from, Tier to, Instant at) {
        return deliver(seq -> projection.on(new TierUpgraded(membershipId, customerId, from, to, 0, 0, "threshold", at), seq));
    }

    MembershipHistory downgraded(Tier from, Tier to, Instant at) {
        return deliver(seq -> projection.on(new TierDowngraded(membershipId, customerId, from, to, 0, 0, "review", at), seq));
    }

    MembershipHistory retained(Tier tier, Instant at) {
        return deliver(seq -> projection.on(new TierRetained(membershipId, customerId, tier, 0, 0, at), seq));
    }

    MembershipHistory granted(Tier from, Tier to, Instant at, Instant until) {
        return deliver(seq -> projection.on(new TierGranted(membershipId, customerId, from, to, "status match", "alice", at, until), seq));
    }

    MembershipHistory grantExpired(Tier from, Tier to, Instant at) {
        return deliver(seq -> projection.on(new TierGrantExpired(membershipId, customerId, from, to, 0, 0, at), seq));
    }

    /** Delivers every event from {@code sequence} on once more, as after a crash before the token was stored. */
    void redeliverFrom(int sequence) {
        deliveries.subList(sequence, deliveries.size()).forEach(Runnable::run);
    }

    Map<String, Object> row(JdbcClient jdbc) {
        return jdbc.sql("SELECT * FROM membership_view WHERE membership_id = ?").param(membershipId).query().singleRow();
    }

    /** Each lot's remaining points, oldest first. */
    List<Long> remainingPerLot(JdbcClient jdbc) {
        return jdbc.sql("SELECT remaining FROM membership_points_lot WHERE membership_id = ? ORDER BY earned_at, credit_sequence")
                .param(membershipId).query(Long.class).list();
    }

    Map<String, Object> qualifying(JdbcClient jdbc, String saleId) {
        return jdbc.sql("SELECT * FROM membership_qualifying WHERE membership_id = ? AND sale_id = ?")
                .param(membershipId).param(saleId).query().singleRow();
    }

    /** Start of the month after the earning month plus 24 months, as the command side sets it. */
    static Instant expiryOf(Instant earnedAt) {
        return earnedAt.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(25).toInstant();
    }

    private MembershipHistory deliver(Delivery delivery) {
        long sequence = deliveries.size();
        Runnable run = () -> delivery.to(sequence);
        deliveries.add(run);
        run.run();
        return this;
    }

    private interface Delivery {
        void to(long sequence);
    }
}
