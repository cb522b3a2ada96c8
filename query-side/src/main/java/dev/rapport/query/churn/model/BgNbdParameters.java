package dev.rapport.query.churn.model;

/**
 * The four parameters of the BG/NBD model: while alive, a customer buys at a rate λ ~ Gamma(shape r, rate α) per
 * week; after each purchase they drop out with probability p ~ Beta(a, b).
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

    public BgNbdParameters {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive: r=%s, alpha=%s, a=%s, b=%s"
                    .formatted(r, alpha, a, b));
        }
    }

    /** From the optimiser's unconstrained coordinates (the natural logs of r, α, a, b). */
    static BgNbdParameters fromLogs(double[] logs) {
        return new BgNbdParameters(Math.exp(logs[0]), Math.exp(logs[1]), Math.exp(logs[2]), Math.exp(logs[3]));
    }

    double[] logs() {
        return new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)};
    }
}
