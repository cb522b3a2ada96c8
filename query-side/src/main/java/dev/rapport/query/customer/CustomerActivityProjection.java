package dev.rapport.query.customer;

import java.sql.Timestamp;

import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsExpired;
import dev.rapport.events.loyalty.PointsRedeemed;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierGrantExpired;
import dev.rapport.events.loyalty.TierGranted;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.query.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's activity on {@code customer_view}: purchases and refunds (net spend), the last contact
 * and satisfaction, open complaints, loyalty tier and points. Events of other aggregates than the
 * customer's arrive in the customer's order (the processor sequences by customer). Each count changes
 * only when its fact is new (a sale, refund or complaint is remembered by id), so a redelivery changes nothing.
 */
@Component
@ProcessingGroup(Projections.CUSTOMER_VIEW)
class CustomerActivityProjection {

    private final JdbcClient jdbc;

    CustomerActivityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SaleRecorded event) {
        int inserted = jdbc.sql("""
                        INSERT INTO customer_purchase (sale_id, customer_id, order_id, occurred_at, amount, currency)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(event.saleId(), event.customerId(), event.orderId(), Timestamp.from(event.occurredAt()),
                        event.total().amount(), event.total().currency())
                .update();
        if (inserted == 1) {
            jdbc.sql("""
                            UPDATE customer_view SET purchase_count = purchase_count + 1, gross_spend = gross_spend + :amount,
                                first_purchase_at = LEAST(first_purchase_at, :at), last_purchase_at = GREATEST(last_purchase_at, :at)
                            WHERE customer_id = :id""")
                    .param("amount", event.total().amount())
                    .param("at", Timestamp.from(event.occurredAt()))
                    .param("id", event.customerId())
                    .update();
        }
    }

    @EventHandler
    void on(SaleRefunded event) {
        int inserted = jdbc.sql("INSERT INTO customer_refund (sale_id, refund_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.saleId(), event.refundId()).update();
        if (inserted == 1) {
            jdbc.sql("UPDATE customer_purchase SET refunded = refunded + ? WHERE sale_id = ?")
                    .params(event.amount().amount(), event.saleId()).update();
            jdbc.sql("UPDATE customer_view SET refunded = refunded + ? WHERE customer_id = ?")
                    .params(event.amount().amount(), event.customerId()).update();
        }
    }

    @EventHandler
    void on(InteractionLogged event) {
        Integer satisfaction = event.satisfaction() != null ? event.satisfaction()
                : event.survey() != null ? Integer.valueOf(event.survey().overall()) : null;
        jdbc.sql("""
                        UPDATE customer_view SET last_interaction_at = :at, last_interaction_channel = :channel,
                            last_interaction_by = :by
                        WHERE customer_id = :id AND (last_interaction_at IS NULL OR last_interaction_at <= :at)""")
                .param("at", Timestamp.from(event.occurredAt()))
                .param("channel", event.channel().name())
                .param("by", event.handledBy())
                .param("id", event.customerId())
                .update();
        if (satisfaction != null) {
            recordSatisfaction(event.customerId(), satisfaction, event.occurredAt());
        }
    }

    @EventHandler
    void on(ComplaintFiled event) {
        int inserted = jdbc.sql("INSERT INTO customer_open_complaint (complaint_id, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.complaintId(), event.customerId()).update();
        if (inserted == 1) {
            jdbc.sql("UPDATE customer_view SET open_complaints = open_complaints + 1 WHERE customer_id = ?")
                    .param(event.customerId()).update();
        }
    }

    @EventHandler
    void on(ComplaintClosed event) {
        int deleted = jdbc.sql("DELETE FROM customer_open_complaint WHERE complaint_id = ?").param(event.complaintId()).update();
        if (deleted == 1) {
            jdbc.sql("UPDATE customer_view SET open_complaints = open_complaints - 1 WHERE customer_id = ?")
                    .param(event.customerId()).update();
        }
        recordSatisfaction(event.customerId(), event.satisfaction(), event.closedAt());
    }

    @EventHandler
    void on(MemberEnrolled event) {
        jdbc.sql("UPDATE customer_view SET membership_id = ?, loyalty_tier = COALESCE(loyalty_tier, 'BASE'), "
                        + "points_balance = COALESCE(points_balance, 0) WHERE customer_id = ?")
                .params(event.membershipId(), event.customerId()).update();
    }

    @EventHandler
    void on(PointsEarned event) {
        balance(event.customerId(), event.balanceAfter());
    }

    @EventHandler
    void on(PointsRedeemed event) {
        balance(event.customerId(), event.balanceAfter());
    }

    @EventHandler
    void on(PointsExpired event) {
        balance(event.customerId(), event.balanceAfter());
    }

    @EventHandler
    void on(PointsReversed event) {
        balance(event.customerId(), event.balanceAfter());
    }

    @EventHandler
    void on(TierUpgraded event) {
        tier(event.customerId(), event.to());
    }

    @EventHandler
    void on(TierDowngraded event) {
        tier(event.customerId(), event.to());
    }

    @EventHandler
    void on(TierGranted event) {
        tier(event.customerId(), event.to());
    }

    @EventHandler
    void on(TierGrantExpired event) {
        tier(event.customerId(), event.to());
    }

    private void recordSatisfaction(String customerId, int score, java.time.Instant at) {
        jdbc.sql("""
                        UPDATE customer_view SET last_satisfaction = :score, last_satisfaction_at = :at
                        WHERE customer_id = :id AND (last_satisfaction_at IS NULL OR last_satisfaction_at <= :at)""")
                .param("score", score)
                .param("at", Timestamp.from(at))
                .param("id", customerId)
                .update();
    }

    private void balance(String customerId, long balance) {
        jdbc.sql("UPDATE customer_view SET points_balance = ? WHERE customer_id = ?").params(balance, customerId).update();
    }

    private void tier(String customerId, Tier tier) {
        jdbc.sql("UPDATE customer_view SET loyalty_tier = ? WHERE customer_id = ?").params(tier.name(), customerId).update();
    }
}
