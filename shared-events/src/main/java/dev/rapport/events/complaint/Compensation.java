package dev.rapport.events.complaint;

/**
 * What the customer got to make up for the problem; any part may be absent.
 *
 * @param bonusPoints     loyalty bonus points, credited to the customer's membership; null or 0 for none
 * @param refundReference the refund made in the sales system, e.g. a refund id
 * @param voucherCode     a voucher handed out
 */
public record Compensation(Long bonusPoints, String refundReference, String voucherCode) {

    public boolean hasBonusPoints() {
        return bonusPoints != null && bonusPoints > 0;
    }
}
