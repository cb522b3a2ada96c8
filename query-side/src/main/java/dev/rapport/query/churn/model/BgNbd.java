package dev.rapport.query.churn.model;

import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD formulas of Fader, Hardie and Lee, "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2), 2005 (equations cited as FHL), for one customer.
 */
public final class BgNbd {

    private BgNbd() {
    }

    /**
     * The log of the individual likelihood L(r, α, a, b | x, t_x, T), FHL eq. (6):
     * A1 · A2 · (A3 + δ(x>0) A4) with A1 = Γ(r+x) α^r / Γ(r), A2 = Γ(a+b) Γ(b+x) / (Γ(b) Γ(a+b+x)),
     * A3 = (α+T)^-(r+x), A4 = a/(b+x−1) · (α+t_x)^-(r+x); the sum is taken in logs (log-sum-exp).
     */
    public static double logLikelihood(BgNbdParameters p, CustomerHistory h) {
        double r = p.r(), alpha = p.alpha(), a = p.a(), b = p.b();
        int x = h.x();
        double logA1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double logA2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        return logA1 + logA2 + logOfA3PlusA4(p, h);
    }

    /** log(A3 + δ(x>0) A4), the part of the likelihood that depends on t_x and T. */
    static double logOfA3PlusA4(BgNbdParameters p, CustomerHistory h) {
        double power = p.r() + h.x();
        double logA3 = -power * Math.log(p.alpha() + h.t());
        if (h.x() == 0) {
            return logA3;
        }
        double logA4 = Math.log(p.a()) - Math.log(p.b() + h.x() - 1) - power * Math.log(p.alpha() + h.tx());
        double max = Math.max(logA3, logA4);
        return max + Math.log(Math.exp(logA3 - max) + Math.exp(logA4 - max));
    }

    /**
     * P(alive | x, t_x, T), FHL eq. (13): 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)). A customer who
     * never bought again cannot have dropped out (dropping out happens only right after a purchase): 1.
     */
    public static double pAlive(BgNbdParameters p, CustomerHistory h) {
        if (h.x() == 0) {
            return 1.0;
        }
        return 1.0 / (1.0 + oddsOfDeath(p, h));
    }

    /** a/(b+x−1) · ((α+T)/(α+t_x))^(r+x): P(dead)/P(alive) for x ≥ 1. */
    private static double oddsOfDeath(BgNbdParameters p, CustomerHistory h) {
        return p.a() / (p.b() + h.x() - 1)
                * Math.exp((p.r() + h.x()) * (Math.log(p.alpha() + h.t()) - Math.log(p.alpha() + h.tx())));
    }

    /**
     * E[Y(t) | x, t_x, T], the expected number of purchases in the next {@code weeks}, FHL eq. (10):
     * <pre>
     *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)] / (1 + δ(x>0) · odds of death),
     *   z = t/(α+T+t)
     * </pre>
     * The 2F1 is evaluated after Euler's transformation (DLMF 15.8.1),
     * 2F1(A, B; C; z) = (1−z)^(C−A−B) 2F1(C−A, C−B; C; z), which turns the product above into
     * (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z): a series that converges fast even near z = 1 and for large x.
     * At a = 1 exactly the formula is 0/0; a is never exactly 1 in a fit.
     */
    public static double expectedPurchases(BgNbdParameters p, CustomerHistory h, double weeks) {
        if (weeks <= 0) {
            return 0.0;
        }
        double r = p.r(), alpha = p.alpha(), a = p.a(), b = p.b();
        int x = h.x();
        double z = weeks / (alpha + h.t() + weeks);
        double c = a + b + x - 1;
        double transformed = Math.pow(1 - z, a - 1) * Hypergeometric.f21(a + b - 1 - r, a - 1, c, z);
        double numerator = c / (a - 1) * (1 - transformed);
        return x == 0 ? numerator : numerator / (1 + oddsOfDeath(p, h));
    }
}
