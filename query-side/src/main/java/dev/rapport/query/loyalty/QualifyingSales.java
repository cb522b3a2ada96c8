package dev.rapport.query.loyalty;

import java.sql.Timestamp;

import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsReversed;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes of {@code membership_qualifying}: one row per sale credit with its qualifying points net of
 * reversals, so the rolling tier figures are a sum over a time range at query time.
 */
final class QualifyingSales {

    private final JdbcClient jdbc;

    QualifyingSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void credit(PointsEarned event) {
        jdbc.sql("""
                        INSERT INTO membership_qualifying (membership_id, sale_id, earned_at, qualifying_points, sale_amount)
                        VALUES (:membership, :sale, :earnedAt, :points, :amount)
                        ON CONFLICT (membership_id, sale_id) DO NOTHING""")
                .param("membership", event.membershipId())
                .param("sale", event.reference())
                .param("earnedAt", Timestamp.from(event.earnedAt()))
                .param("points", event.qualifyingPoints())
                .param("amount", event.saleAmount().amount())
                .update();
    }

    /** Applies a reversal as recorded; refunds add up, never beyond the sale's amount. */
    void reverse(PointsReversed event) {
        jdbc.sql("""
                        UPDATE membership_qualifying
                        SET qualifying_points = qualifying_points - :points,
                            refunded_amount = LEAST(sale_amount, refunded_amount + :refund)
                        WHERE membership_id = :membership AND sale_id = :sale""")
                .param("membership", event.membershipId())
                .param("sale", event.saleId())
                .param("points", event.qualifyingPointsReversed())
                .param("refund", event.refundAmount().amount())
                .update();
    }
}
