package dev.rapport.query.churn.model;

/**
 * A customer's purchase history as the BG/NBD model sees it, in weeks from the first purchase.
 *
 * @param x  repeat purchases: purchase days after the first, up to the end of the period
 * @param tx when the last purchase was (0 without repeat purchases)
 * @param t  the length of the period observed (the paper's T), the end of the period minus the first purchase
 */
public record CustomerHistory(int x, double tx, double t) {

    public CustomerHistory {
        if (x < 0 || tx < 0 || t < tx || (x == 0 && tx != 0)) {
            throw new IllegalArgumentException("not a purchase history: x=%d, t_x=%s, T=%s".formatted(x, tx, t));
        }
    }

    public static CustomerHistory ofDays(int x, long txDays, long tDays) {
        return new CustomerHistory(x, txDays / 7.0, tDays / 7.0);
    }
}
