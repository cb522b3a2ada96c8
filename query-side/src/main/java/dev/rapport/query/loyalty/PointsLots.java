package dev.rapport.query.loyalty;

/**
 * Statements of {@code membership_points_lot}, as CTEs of the statement that applies a membership's event: they replay
 * the aggregate's points ledger, oldest lot first (by earning time, then crediting order). Used lots are kept with
 * nothing remaining rather than deleted, which spends and expires exactly as the ledger does. Each writes only when
 * the CTE {@code fresh} has a row (the event was not applied before), so a redelivery writes nothing.
 */
final class PointsLots {

    /** A credit becomes a lot of what is left once it has paid off the debt ({@code fresh.points_debt}, up to the points). */
    static final String CREDIT = """
            lot AS (
                INSERT INTO membership_points_lot (membership_id, credit_sequence, source, reference, earned_at,
                    expires_at, points, remaining)
                SELECT :membership, :version, :source, CAST(:reference AS varchar), :earnedAt, :expiresAt, :points,
                       :points - LEAST(fresh.points_debt, :points)
                FROM fresh
                ON CONFLICT (membership_id, credit_sequence) DO NOTHING
            )""";

    /**
     * Takes up to {@code :points} from the open lots, those of sale {@code :sale} first (none when it is null), then
     * the oldest; {@code took} has what each lot gave. The ledger takes from the sale's lots and then from the oldest
     * ones: one walk in this order is the same, since the second step only runs once the sale's lots are used up.
     */
    static final String TAKE = """
            open_lot AS (
                SELECT credit_sequence, remaining,
                       (SUM(remaining) OVER (ORDER BY COALESCE(source = 'SALE' AND reference = CAST(:sale AS text), FALSE) DESC,
                            earned_at, credit_sequence ROWS UNBOUNDED PRECEDING))::BIGINT - remaining AS ahead
                FROM membership_points_lot
                WHERE membership_id = :membership AND remaining > 0 AND EXISTS (SELECT 1 FROM fresh)
            ), taken AS (
                SELECT credit_sequence, LEAST(remaining, :points - ahead) AS points FROM open_lot WHERE ahead < :points
            ), took AS (
                UPDATE membership_points_lot lot SET remaining = lot.remaining - taken.points
                FROM taken
                WHERE lot.membership_id = :membership AND lot.credit_sequence = taken.credit_sequence
                RETURNING taken.points
            )""";

    /** An expiry run removes every lot due at that instant, whatever is left of it. */
    static final String EXPIRE = """
            expired AS (
                UPDATE membership_points_lot SET remaining = 0
                WHERE membership_id = :membership AND remaining > 0 AND expires_at <= :expiredAt AND EXISTS (SELECT 1 FROM fresh)
            )""";

    private PointsLots() {
    }
}
