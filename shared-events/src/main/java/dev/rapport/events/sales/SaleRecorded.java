package dev.rapport.events.sales;

import java.time.Instant;
import java.util.List;

import dev.rapport.events.common.Money;
import dev.rapport.events.privacy.DataSubject;

/**
 * A customer bought something. An order id is recorded once per customer: sending the same sale again
 * records nothing new.
 *
 * @param saleId     the sale's id, derived from customer and order id
 * @param customerId the buyer
 * @param orderId    the order id in the selling system, unique per customer
 * @param channel    where it was sold
 * @param lines      the lines, empty when only a total is known
 * @param total      the amount paid; equals the sum of the lines when there are lines
 * @param occurredAt when the purchase happened (may be in the past: sales can be imported)
 * @param recordedAt when Rapport recorded it
 */
public record SaleRecorded(String saleId, @DataSubject String customerId, String orderId, SalesChannel channel,
                           List<SaleLine> lines, Money total, Instant occurredAt, Instant recordedAt) {

    public SaleRecorded {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
