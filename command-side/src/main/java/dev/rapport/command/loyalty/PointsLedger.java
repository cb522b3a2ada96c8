package dev.rapport.command.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;

/**
 * A member's points as lots, oldest first (FIFO), plus a debt: points reversed after they had already been
 * spent or expired. Only a reversal creates debt, and new credits pay it off first, so while there is a debt
 * no lot remains. The balance is what the lots hold minus the debt.
 */
final class PointsLedger {

    private static final Comparator<PointsLot> OLDEST_FIRST = Comparator.comparing(PointsLot::earnedAt);

    private final List<PointsLot> lots = new ArrayList<>();
    private long debt;

    long balance() {
        return lots.stream().mapToLong(PointsLot::remaining).sum() - debt;
    }

    void credit(PointsLot lot) {
        long repaid = Math.min(debt, lot.remaining());
        debt -= repaid;
        if (lot.remaining() > repaid) {
            insertByAge(lot.withRemaining(lot.remaining() - repaid));
        }
    }

    /** Spends the oldest points first; the caller has checked the balance covers it. */
    void redeem(long points) {
        takeOldestFirst(points);
    }

    /** Takes back a sale's points: from that sale's own lot first, then the oldest, and any rest becomes debt. */
    void reverse(String saleId, long points) {
        long left = points;
        ListIterator<PointsLot> each = lots.listIterator();
        while (each.hasNext() && left > 0) {
            PointsLot lot = each.next();
            if (lot.isFromSale(saleId)) {
                left -= take(each, lot, left);
            }
        }
        debt += takeOldestFirst(left);
    }

    /** What an expiry run at {@code asOf} would remove; nothing when no lot has expired. */
    ExpiryRun dueForExpiry(Instant asOf) {
        long points = 0;
        Instant earnedBefore = null;
        for (PointsLot lot : lots) {
            if (!lot.expiresAt().isAfter(asOf)) {
                points += lot.remaining();
                Instant monthAfterEarning = LoyaltyCalendar.startOfNextMonth(lot.earnedAt());
                earnedBefore = earnedBefore == null || monthAfterEarning.isAfter(earnedBefore) ? monthAfterEarning : earnedBefore;
            }
        }
        return new ExpiryRun(points, earnedBefore);
    }

    void expire(Instant asOf) {
        lots.removeIf(lot -> !lot.expiresAt().isAfter(asOf));
    }

    /**
     * Points an expiry run removes.
     *
     * @param points       how many; 0 when nothing expired
     * @param earnedBefore every expired point was earned before this instant (the start of the month after the
     *                     latest earning month among them); null when nothing expired
     */
    record ExpiryRun(long points, Instant earnedBefore) {
    }

    private void insertByAge(PointsLot lot) {
        int index = 0;
        while (index < lots.size() && OLDEST_FIRST.compare(lots.get(index), lot) <= 0) {
            index++;
        }
        lots.add(index, lot);
    }

    /** @return what could not be taken because the lots ran out */
    private long takeOldestFirst(long points) {
        long left = points;
        ListIterator<PointsLot> each = lots.listIterator();
        while (each.hasNext() && left > 0) {
            left -= take(each, each.next(), left);
        }
        return left;
    }

    private static long take(ListIterator<PointsLot> position, PointsLot lot, long wanted) {
        long taken = Math.min(wanted, lot.remaining());
        if (taken == lot.remaining()) {
            position.remove();
        } else {
            position.set(lot.withRemaining(lot.remaining() - taken));
        }
        return taken;
    }
}
