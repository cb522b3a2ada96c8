package dev.rapport.command.sales;

import dev.rapport.events.common.Money;

/** What recording a sale answers, the same every time the same order is sent. */
public record SaleReceipt(String saleId, String customerId, String orderId, Money total) {
}
