package dev.rapport.query.loyalty;

/**
 * Statements of {@code membership_qualifying}, as CTEs of the statement that applies a membership's event (written
 * only when {@code fresh} has a row): one row per sale credit with its qualifying points net of reversals, so the
 * rolling tier figures are a sum over a time range at query time.
 */
final class QualifyingSales {

    static final String CREDIT = """
            qualifying AS (
                INSERT INTO membership_qualifying (membership_id, sale_id, earned_at, qualifying_points, sale_amount)
                SELECT :membership, CAST(:reference AS varchar), :earnedAt, :qualifyingPoints, :amount FROM fresh
                ON CONFLICT (membership_id, sale_id) DO NOTHING
            )""";

    /** Applies a reversal as recorded; refunds add up, never beyond the sale's amount. */
    static final String REVERSE = """
            qualifying AS (
                UPDATE membership_qualifying
                SET qualifying_points = qualifying_points - :qualifyingPoints,
                    refunded_amount = LEAST(sale_amount, refunded_amount + :refund)
                WHERE membership_id = :membership AND sale_id = :sale AND EXISTS (SELECT 1 FROM fresh)
            )""";

    private QualifyingSales() {
    }
}
