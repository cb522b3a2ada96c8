package dev.rapport.query.customer;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

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
import dev.rapport.query.writes.ProjectionWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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

    private final ProjectionWrites writes;

    CustomerActivityProjection(ProjectionWrites writes) {
        this.writes = writes;
    }

    // each count changes in the statement that remembers its fact, so that a redelivery changes nothing and no
    // handler waits for an update count (the writes may be batched)

    @EventHandler
    void on(SaleRecorded event) {
        writes.write(event.customerId(), """
                        WITH remembered AS (
                            INSERT INTO customer_purchase (sale_id, customer_id, order_id, occurred_at, amount, currency)
                            VALUES (:sale, :id, :order, :at, :amount, :currency) ON CONFLICT DO NOTHING RETURNING sale_id)
                        UPDATE customer_view SET purchase_count = purchase_count + 1, gross_spend = gross_spend + :amount,
                            first_purchase_at = LEAST(first_purchase_at, :at), last_purchase_at = GREATEST(last_purchase_at, :at)
                        WHERE customer_id = :id AND EXISTS (SELECT 1 FROM remembered)""",
                params("sale", event.saleId(), "id", event.customerId(), "order", event.orderId(),
                        "at", Timestamp.from(event.occurredAt()), "amount", event.total().amount(),
                        "currency", event.total().currency()));
    }

    @EventHandler
    void on(SaleRefunded event) {
        writes.write(event.customerId(), """
                        WITH remembered AS (
                            INSERT INTO customer_refund (sale_id, refund_id) VALUES (:sale, :refund) ON CONFLICT DO NOTHING
                            RETURNING sale_id
                        ), purchase AS (
                            UPDATE customer_purchase SET refunded = refunded + :amount
                            WHERE sale_id = :sale AND EXISTS (SELECT 1 FROM remembered) RETURNING sale_id)
                        UPDATE customer_view SET refunded = refunded + :amount
                        WHERE customer_id = :id AND EXISTS (SELECT 1 FROM remembered)""",
                params("sale", event.saleId(), "refund", event.refundId(), "amount", event.amount().amount(),
                        "id", event.customerId()));
    }

    @EventHandler
    void on(InteractionLogged event) {
        Integer satisfaction = event.satisfaction() != null ? event.satisfaction()
                : event.survey() != null ? Integer.valueOf(event.survey().overall()) : null;
        writes.write(event.customerId(), """
                        UPDATE customer_view SET last_interaction_at = :at, last_interaction_channel = :channel,
                            last_interaction_by = :by
                        WHERE customer_id = :id AND (last_interaction_at IS NULL OR last_interaction_at <= :at)""",
                params("at", Timestamp.from(event.occurredAt()), "channel", event.channel().name(), "by", event.handledBy(),
                        "id", event.customerId()));
        if (satisfaction != null) {
            recordSatisfaction(event.customerId(), satisfaction, event.occurredAt());
        }
    }

    @EventHandler
    void on(ComplaintFiled event) {
        writes.write(event.customerId(), """
                        WITH remembered AS (
                            INSERT INTO customer_open_complaint (complaint_id, customer_id) VALUES (:complaint, :id)
                            ON CONFLICT DO NOTHING RETURNING complaint_id)
                        UPDATE customer_view SET open_complaints = open_complaints + 1
                        WHERE customer_id = :id AND EXISTS (SELECT 1 FROM remembered)""",
                params("complaint", event.complaintId(), "id", event.customerId()));
    }

    @EventHandler
    void on(ComplaintClosed event) {
        writes.write(event.customerId(), """
                        WITH forgotten AS (
                            DELETE FROM customer_open_complaint WHERE complaint_id = :complaint RETURNING complaint_id)
                        UPDATE customer_view SET open_complaints = open_complaints - 1
                        WHERE customer_id = :id AND EXISTS (SELECT 1 FROM forgotten)""",
                params("complaint", event.complaintId(), "id", event.customerId()));
        recordSatisfaction(event.customerId(), event.satisfaction(), event.closedAt());
    }

    @EventHandler
    void on(MemberEnrolled event) {
        writes.write(event.customerId(), "UPDATE customer_view SET membership_id = :membership, "
                        + "loyalty_tier = COALESCE(loyalty_tier, 'BASE'), points_balance = COALESCE(points_balance, 0) "
                        + "WHERE customer_id = :id",
                params("membership", event.membershipId(), "id", event.customerId()));
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
        writes.write(customerId, """
                        UPDATE customer_view SET last_satisfaction = :score, last_satisfaction_at = :at
                        WHERE customer_id = :id AND (last_satisfaction_at IS NULL OR last_satisfaction_at <= :at)""",
                params("score", score, "at", Timestamp.from(at), "id", customerId));
    }

    private void balance(String customerId, long balance) {
        writes.write(customerId, "UPDATE customer_view SET points_balance = :balance WHERE customer_id = :id",
                params("balance", balance, "id", customerId));
    }

    private void tier(String customerId, Tier tier) {
        writes.write(customerId, "UPDATE customer_view SET loyalty_tier = :tier WHERE customer_id = :id",
                params("tier", tier.name(), "id", customerId));
    }

    /** Named parameters from name, value pairs; values may be null. */
    private static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
