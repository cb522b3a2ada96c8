package dev.rapport.command.sales;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.rapport.events.common.Money;
import dev.rapport.events.sales.SaleLine;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One sale and its refunds. Created by {@link SaleCommandHandler} (which makes recording the same
 * order twice harmless); refunds never add up to more than the sale.
 */
@Aggregate
class Sale {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String saleId;
    private String customerId;
    private SaleRecorded recorded;
    private Money refundable;
    private final Map<String, Money> refunds = new HashMap<>();

    Sale() {
        // for Axon
    }

    Sale(RecordSale command, Clock clock) {
        Instant now = clock.instant();
        if (command.occurredAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new RuleViolation("occurred-in-future", "A sale cannot have happened after now (" + now + ")");
        }
        List<SaleLine> lines = lines(command);
        apply(new SaleRecorded(command.saleId(), command.customerId(), command.orderId(), command.channel(), lines,
                total(command, lines), command.occurredAt(), now));
    }

    private static List<SaleLine> lines(RecordSale command) {
        return command.lines().stream()
                .map(line -> new SaleLine(line.productId(), line.category(), line.quantity(), new Money(line.unitPrice(), command.currency())))
                .toList();
    }

    private static Money total(RecordSale command, List<SaleLine> lines) {
        if (lines.isEmpty()) {
            if (command.total() == null) {
                throw new RuleViolation("total-required", "A sale needs lines or a total");
            }
            return worthNothingOrMore(command.total(), command);
        }
        BigDecimal sum = lines.stream()
                .map(line -> line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (command.total() != null && command.total().compareTo(sum) != 0) {
            throw new RuleViolation("total-mismatch", "The total " + command.total() + " is not the sum of the lines " + sum);
        }
        return worthNothingOrMore(sum, command);
    }

    /** A sale worth 0.00 (a free item, a 100% voucher) is a purchase that earns nothing; a negative one is not a sale. */
    private static Money worthNothingOrMore(BigDecimal total, RecordSale command) {
        if (total.signum() < 0) {
            throw new RuleViolation("negative-total", "A sale cannot be worth less than nothing");
        }
        return new Money(total, command.currency());
    }

    /** The same order sent again: answer as the first time, or refuse if it is not the same sale. */
    SaleReceipt receiptForRepeated(RecordSale command) {
        List<SaleLine> lines = lines(command);
        boolean same = recorded.channel() == command.channel()
                && recorded.occurredAt().equals(command.occurredAt())
                && recorded.lines().equals(lines)
                && recorded.total().equals(total(command, lines));
        if (!same) {
            throw new RuleViolation("order-id-conflict",
                    "Order " + command.orderId() + " is already recorded for this customer with other details", true);
        }
        return receipt();
    }

    SaleReceipt receipt() {
        return new SaleReceipt(saleId, customerId, recorded.orderId(), recorded.total());
    }

    @CommandHandler
    RefundReceipt handle(RecordRefund command, Clock clock) {
        Money amount = new Money(command.amount(), command.currency());
        Money earlier = refunds.get(command.refundId());
        if (earlier != null) {
            if (!earlier.equals(amount)) {
                throw new RuleViolation("refund-id-conflict",
                        "Refund " + command.refundId() + " is already recorded with another amount", true);
            }
            return new RefundReceipt(saleId, command.refundId(), earlier, refundable);
        }
        if (!amount.currency().equals(refundable.currency())) {
            throw new RuleViolation("currency-mismatch", "The sale was in " + refundable.currency() + ", not " + amount.currency());
        }
        if (amount.isGreaterThan(refundable)) {
            throw new RuleViolation("refund-exceeds-sale", "Only " + refundable.amount() + " " + refundable.currency()
                    + " of this sale can still be refunded");
        }
        Instant now = clock.instant();
        Instant occurredAt = command.occurredAt() == null ? now : command.occurredAt();
        if (occurredAt.isBefore(recorded.occurredAt()) || occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new RuleViolation("invalid-refund-time", "A refund happens after its sale and not after now");
        }
        Money remaining = refundable.minus(amount);
        apply(new SaleRefunded(saleId, customerId, command.refundId(), amount, command.reason(), occurredAt, remaining));
        return new RefundReceipt(saleId, command.refundId(), amount, remaining);
    }

    @EventSourcingHandler
    void on(SaleRecorded event) {
        saleId = event.saleId();
        customerId = event.customerId();
        recorded = event;
        refundable = event.total();
    }

    @EventSourcingHandler
    void on(SaleRefunded event) {
        refunds.put(event.refundId(), event.amount());
        refundable = event.remainingRefundable();
    }
}
