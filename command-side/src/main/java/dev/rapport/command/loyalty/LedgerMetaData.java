package dev.rapport.command.loyalty;

import java.math.BigDecimal;

import dev.rapport.events.common.Money;
import org.axonframework.messaging.MetaData;

/**
 * Facts the membership needs to rebuild its state that the published events do not carry: a sale's base
 * (qualifying) points and net amount on {@code PointsEarned}, a refund's amount on {@code PointsReversed}.
 * Stored as event metadata, as text, so the contract stays as published.
 */
final class LedgerMetaData {

    static final String QUALIFYING_POINTS = "loyalty.qualifyingPoints";
    static final String SALE_AMOUNT = "loyalty.saleAmount";
    static final String SALE_CURRENCY = "loyalty.saleCurrency";
    static final String REFUND_AMOUNT = "loyalty.refundAmount";
    static final String REFUND_CURRENCY = "loyalty.refundCurrency";

    private LedgerMetaData() {
    }

    static MetaData ofSale(long qualifyingPoints, Money netAmount) {
        return MetaData.with(QUALIFYING_POINTS, Long.toString(qualifyingPoints))
                .and(SALE_AMOUNT, netAmount.amount().toPlainString())
                .and(SALE_CURRENCY, netAmount.currency());
    }

    static MetaData ofRefund(Money refundAmount) {
        return MetaData.with(REFUND_AMOUNT, refundAmount.amount().toPlainString())
                .and(REFUND_CURRENCY, refundAmount.currency());
    }

    static long qualifyingPoints(MetaData metaData) {
        return Long.parseLong(required(metaData, QUALIFYING_POINTS));
    }

    static Money saleAmount(MetaData metaData) {
        return new Money(new BigDecimal(required(metaData, SALE_AMOUNT)), required(metaData, SALE_CURRENCY));
    }

    static Money refundAmount(MetaData metaData) {
        return new Money(new BigDecimal(required(metaData, REFUND_AMOUNT)), required(metaData, REFUND_CURRENCY));
    }

    private static String required(MetaData metaData, String key) {
        Object value = metaData.get(key);
        if (value == null) {
            throw new IllegalStateException("loyalty event without its '" + key + "' metadata: the membership cannot be rebuilt");
        }
        return value.toString();
    }
}
