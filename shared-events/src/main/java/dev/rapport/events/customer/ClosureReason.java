package dev.rapport.events.customer;

/** Why a relationship ended (客户流失的分类). */
public enum ClosureReason {
    /** Active churn: moved away, deceased (自然流失). */
    NATURAL(true),
    /** Active churn: lost to a competitor on price or service (竞争流失). */
    COMPETITOR(true),
    /** Active churn: our own failure (过失流失). */
    NEGLIGENCE(true),
    /** Passive churn: a lapse such as a missed payment or renewal (非恶意性). */
    NON_MALICIOUS(false),
    /** Passive churn: left after unresolved dissatisfaction (报复性). */
    RETALIATORY(false),
    /** Passive churn: fraud or bad credit (恶意); never won back. */
    MALICIOUS(false);

    private final boolean activeChurn;

    ClosureReason(boolean activeChurn) {
        this.activeChurn = activeChurn;
    }

    public boolean activeChurn() {
        return activeChurn;
    }
}
