package dev.rapport.events.sales;

import java.time.Instant;

import dev.rapport.events.common.Money;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * Part or all of a sale was refunded or returned. The refunds of a sale never add up to more than its total.
 *
 * @param saleId              the sale
 * @param customerId          the buyer
 * @param refundId            the refund's id, unique per sale (a repeated refund id records nothing new)
 * @param amount              the amount refunded, positive
 * @param reason              why, optional
 * @param occurredAt          when the refund happened
 * @param remainingRefundable what may still be refunded of the sale after this one
 */
public record SaleRefunded(String saleId, @DataSubject String customerId, String refundId, Money amount, @PersonalData String reason,
                           Instant occurredAt, Money remainingRefundable) {
}
