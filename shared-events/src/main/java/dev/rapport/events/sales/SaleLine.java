package dev.rapport.events.sales;

import dev.rapport.events.common.Money;

/**
 * One line of a sale.
 *
 * @param productId the product
 * @param category  its category, for analytics
 * @param quantity  how many, at least 1
 * @param unitPrice the price of one
 */
public record SaleLine(String productId, String category, int quantity, Money unitPrice) {
}
