package dev.rapport.command.loyalty;

import java.time.Instant;

import dev.rapport.events.loyalty.PointsSource;

/**
 * Points credited together and not yet spent, expired or reversed.
 *
 * @param reference the sale id, complaint id or campaign code they came from
 * @param source    why they were credited
 * @param earnedAt  when they were earned: the order of spending and expiry
 * @param expiresAt when what is left of them expires
 * @param remaining how many are left, positive
 */
record PointsLot(String reference, PointsSource source, Instant earnedAt, Instant expiresAt, long remaining) {

    PointsLot withRemaining(long left) {
        return new PointsLot(reference, source, earnedAt, expiresAt, left);
    }

    boolean isFromSale(String saleId) {
        return source == PointsSource.SALE && reference.equals(saleId);
    }
}
