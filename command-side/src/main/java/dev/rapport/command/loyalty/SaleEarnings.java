package dev.rapport.command.loyalty;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rapport.events.loyalty.PointsReversed;

/** Every sale a membership earned points for, with its refunds: for idempotency, reversals and tier figures. */
final class SaleEarnings {

    private final Map<String, SaleEarning> bySaleId = new HashMap<>();
    private final Set<String> refunds = new HashSet<>();

    boolean contains(String saleId) {
        return bySaleId.containsKey(saleId);
    }

    Optional<SaleEarning> find(String saleId) {
        return Optional.ofNullable(bySaleId.get(saleId));
    }

    boolean hasRefund(String saleId, String refundId) {
        return refunds.contains(refundKey(saleId, refundId));
    }

    void record(SaleEarning earning) {
        bySaleId.put(earning.saleId(), earning);
    }

    void refund(PointsReversed reversal) {
        bySaleId.computeIfPresent(reversal.saleId(), (id, earning) -> earning.withReversal(reversal.refundAmount(),
                reversal.points(), reversal.qualifyingPointsReversed()));
        refunds.add(refundKey(reversal.saleId(), reversal.refundId()));
    }

    /** Qualifying points and purchases of the sales bought in the rolling window that ends at {@code now}. */
    QualifyingFigures figures(Instant now) {
        Instant windowStart = LoyaltyCalendar.qualificationWindowStart(now);
        long points = 0;
        int purchases = 0;
        for (SaleEarning earning : bySaleId.values()) {
            if (earning.purchasedAt().isAfter(windowStart) && !earning.purchasedAt().isAfter(now)) {
                points += earning.qualifyingPointsLeft();
                purchases += earning.countsAsPurchase() ? 1 : 0;
            }
        }
        return new QualifyingFigures(points, purchases);
    }

    private static String refundKey(String saleId, String refundId) {
        return saleId + '/' + refundId;
    }
}
