package dev.rapport.query.churn.model;

/** Gauss's hypergeometric function, which commons-math does not have. */
final class Hypergeometric {

    private static final int MAX_TERMS = 1_000_000;
    private static final double RELATIVE_PRECISION = 1e-15;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) for 0 ≤ z < 1 by its power series Σ (a)_n (b)_n / (c)_n · z^n / n! (DLMF 15.2.1), which
     * converges for |z| < 1; each term is the previous one times (a+n)(b+n) / ((c+n)(n+1)) · z.
     */
    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        }
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= RELATIVE_PRECISION * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(%s, %s; %s; %s) did not converge in %d terms".formatted(a, b, c, z, MAX_TERMS));
    }
}
