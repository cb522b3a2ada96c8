package dev.rapport.events.loyalty;

import java.time.Instant;

import dev.rapport.events.common.Money;
import dev.rapport.events.privacy.DataSubject;

/**
 * Points a sale earned were taken back because the sale was (partly) refunded. This is the only way a
 * balance can go below zero; redemption is then blocked until it is positive again.
 *
 * @param membershipId              the membership
 * @param customerId                the member
 * @param points                    how many, positive
 * @param saleId                    the refunded sale
 * @param refundId                  the refund
 * @param reversedAt                when
 * @param balanceAfter              the balance after the reversal, may be negative
 * @param qualifyingPointsReversed  the sale's qualifying points taken back with this reversal, 0 or more
 * @param refundAmount              the refund amount that caused it, in the sale's currency
 */
public record PointsReversed(String membershipId, @DataSubject String customerId, long points, String saleId,
                             String refundId, Instant reversedAt, long balanceAfter, long qualifyingPointsReversed,
                             Money refundAmount) {
}
