package dev.rapport.query.churn;

/** What the business can do about a churn reason (DOMAIN.md, churn early warning). */
public enum RetentionAction {
    SERVICE_RECOVERY_CALL, WIN_BACK_OFFER, TIER_RETENTION_OFFER, CONSENT_REPERMISSION
}
