package dev.rapport.query.churn;

/**
 * Why a customer may be about to leave (DOMAIN.md, churn early warning). The event-driven reasons are raised
 * and cleared by {@link ChurnAlertProjection}; the time-based ones by {@link ChurnEvaluation}, one
 * {@link TimeBasedRule} each. The model-based reason (BG/NBD P(alive), {@link PAliveRule}) is another time-based rule.
 */
public enum ChurnReason {
    /** No purchase for much longer than the customer's own usual interval. */
    OVERDUE(RetentionAction.WIN_BACK_OFFER, true),
    /** The last 90 days' net spend fell well below the 90 days before. */
    SPEND_DROP(RetentionAction.WIN_BACK_OFFER, true),
    /** An open complaint past an SLA deadline, a reopened complaint, or one closed rated 2 or less. */
    COMPLAINT(RetentionAction.SERVICE_RECOVERY_CALL, false),
    /** The latest satisfaction score of a contact or survey is 2 or less. */
    LOW_SATISFACTION(RetentionAction.SERVICE_RECOVERY_CALL, false),
    /** The last tier review downgraded the member. */
    TIER_DOWNGRADE(RetentionAction.TIER_RETENTION_OFFER, false),
    /** Opted out on every channel a consent decision is recorded for. */
    UNREACHABLE(RetentionAction.CONSENT_REPERMISSION, false),
    /** The BG/NBD model's probability that the customer is still active is low for their own buying rhythm. */
    LOW_P_ALIVE(RetentionAction.WIN_BACK_OFFER, true);

    private final RetentionAction suggestedAction;
    private final boolean timeBased;

    ChurnReason(RetentionAction suggestedAction, boolean timeBased) {
        this.suggestedAction = suggestedAction;
        this.timeBased = timeBased;
    }

    public RetentionAction suggestedAction() {
        return suggestedAction;
    }

    /** Raised by the scheduled evaluation with the current clock rather than by an event. */
    public boolean timeBased() {
        return timeBased;
    }
}
