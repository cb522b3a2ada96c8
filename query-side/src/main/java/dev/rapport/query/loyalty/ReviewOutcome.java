package dev.rapport.query.loyalty;

/** What the last yearly tier review decided. */
public enum ReviewOutcome {
    RETAINED, DOWNGRADED
}
