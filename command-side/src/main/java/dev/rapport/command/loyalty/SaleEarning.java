package dev.rapport.command.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

import dev.rapport.events.common.Money;

/**
 * What one sale earned and how much of it refunds have taken back. Refunds are counted cumulatively, so
 * partial refunds that add up to the whole sale reverse exactly what it earned, whatever the rounding.
 *
 * @param saleId                   the sale
 * @param purchasedAt              when it was bought: places it in the rolling window
 * @param amount                   its net amount, in its own currency
 * @param points                   points it earned (with multipliers)
 * @param qualifyingPoints         its base points, which count toward tiers
 * @param refunded                 refunded so far, never more than the amount
 * @param reversedPoints           points taken back so far
 * @param reversedQualifyingPoints qualifying points taken back so far
 */
record SaleEarning(String saleId, Instant purchasedAt, Money amount, long points, long qualifyingPoints,
                   Money refunded, long reversedPoints, long reversedQualifyingPoints) {

    static SaleEarning of(String saleId, Instant purchasedAt, Money amount, long points, long qualifyingPoints) {
        return new SaleEarning(saleId, purchasedAt, amount, points, qualifyingPoints, Money.zero(amount.currency()), 0, 0);
    }

    /** This sale after one more refund: the reversed share follows the refunded share of the amount, floored. */
    SaleEarning afterRefund(Money refund) {
        Money total = refundedWith(refund);
        return new SaleEarning(saleId, purchasedAt, amount, points, qualifyingPoints, total,
                share(points, total), share(qualifyingPoints, total));
    }

    /**
     * This sale once a recorded reversal is applied: it takes back exactly what the event says, so a rebuild
     * holds the figures that were published even if the refund arithmetic changes later.
     */
    SaleEarning withReversal(Money refund, long pointsTakenBack, long qualifyingPointsTakenBack) {
        return new SaleEarning(saleId, purchasedAt, amount, points, qualifyingPoints, refundedWith(refund),
                reversedPoints + pointsTakenBack, reversedQualifyingPoints + qualifyingPointsTakenBack);
    }

    /** A sale refunded in full no longer counts as a purchase; a partly refunded one still does. */
    boolean countsAsPurchase() {
        return amount.isGreaterThan(refunded);
    }

    long qualifyingPointsLeft() {
        return qualifyingPoints - reversedQualifyingPoints;
    }

    private Money refundedWith(Money refund) {
        Money total = refunded.plus(refund);
        return total.isGreaterThan(amount) ? amount : total;
    }

    private long share(long whole, Money part) {
        if (!amount.isGreaterThan(part)) {
            return whole;
        }
        return BigDecimal.valueOf(whole).multiply(part.amount()).divide(amount.amount(), 0, RoundingMode.FLOOR).longValueExact();
    }
}
