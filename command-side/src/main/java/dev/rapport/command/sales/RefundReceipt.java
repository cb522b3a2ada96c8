package dev.rapport.command.sales;

import dev.rapport.events.common.Money;

/** What recording a refund answers, the same every time the same refund is sent. */
public record RefundReceipt(String saleId, String refundId, Money amount, Money remainingRefundable) {
}
