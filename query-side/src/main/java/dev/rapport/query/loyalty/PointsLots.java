package dev.rapport.query.loyalty;

import java.sql.Timestamp;
import java.time.Instant;

import dev.rapport.events.loyalty.PointsEarned;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes of {@code membership_points_lot}: replays the aggregate's points ledger, oldest lot first (by earning
 * time, then crediting order). Used lots are kept with nothing remaining rather than deleted, which spends and
 * expires exactly as the ledger does.
 */
final class PointsLots {

    /** Takes up to :points from the open lots that pass the filter, oldest first; returns what each lot gave. */
    private static final String TAKE_OLDEST_FIRST = """
            WITH open_lot AS (
                SELECT credit_sequence, remaining,
                       (SUM(remaining) OVER (ORDER BY earned_at, credit_sequence ROWS UNBOUNDED PRECEDING))::BIGINT - remaining AS ahead
                FROM membership_points_lot
                WHERE membership_id = :membership AND remaining > 0 %s
            ), taken AS (
                SELECT credit_sequence, LEAST(remaining, :points - ahead) AS points FROM open_lot WHERE ahead < :points
            )
            UPDATE membership_points_lot lot SET remaining = lot.remaining - taken.points
            FROM taken
            WHERE lot.membership_id = :membership AND lot.credit_sequence = taken.credit_sequence
            RETURNING taken.points""";

    private static final String ANY_LOT = "";
    private static final String THE_SALES_LOT = "AND source = 'SALE' AND reference = :sale";

    private final JdbcClient jdbc;

    PointsLots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A credit becomes a lot of what is left once it has paid off {@code debtRepaid}. */
    void credit(PointsEarned event, long creditSequence, long debtRepaid) {
        jdbc.sql("""
                        INSERT INTO membership_points_lot (membership_id, credit_sequence, source, reference, earned_at,
                            expires_at, points, remaining)
                        VALUES (:membership, :sequence, :source, :reference, :earnedAt, :expiresAt, :points, :remaining)
                        ON CONFLICT (membership_id, credit_sequence) DO NOTHING""")
                .param("membership", event.membershipId())
                .param("sequence", creditSequence)
                .param("source", event.source().name())
                .param("reference", event.reference())
                .param("earnedAt", Timestamp.from(event.earnedAt()))
                .param("expiresAt", Timestamp.from(event.expiresAt()))
                .param("points", event.points())
                .param("remaining", event.points() - debtRepaid)
                .update();
    }

    /** Redemption spends the oldest points first; it never exceeds the balance. */
    void redeem(String membershipId, long points) {
        takeOldestFirst(membershipId, points, ANY_LOT, null);
    }

    /**
     * Takes back a sale's points from that sale's lot first, then from the oldest lots.
     *
     * @return what the lots could not cover: it becomes debt
     */
    long reverse(String membershipId, String saleId, long points) {
        long left = points - takeOldestFirst(membershipId, points, THE_SALES_LOT, saleId);
        return left - takeOldestFirst(membershipId, left, ANY_LOT, null);
    }

    /** An expiry run removes every lot due at that instant, whatever is left of it. */
    void expire(String membershipId, Instant expiredAt) {
        jdbc.sql("""
                        UPDATE membership_points_lot SET remaining = 0
                        WHERE membership_id = :membership AND remaining > 0 AND expires_at <= :expiredAt""")
                .param("membership", membershipId)
                .param("expiredAt", Timestamp.from(expiredAt))
                .update();
    }

    /** @return how many points were taken */
    private long takeOldestFirst(String membershipId, long points, String filter, String saleId) {
        if (points <= 0) {
            return 0;
        }
        return jdbc.sql(TAKE_OLDEST_FIRST.formatted(filter))
                .param("membership", membershipId)
                .param("points", points)
                .param("sale", saleId)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
