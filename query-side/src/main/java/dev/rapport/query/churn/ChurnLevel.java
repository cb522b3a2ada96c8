package dev.rapport.query.churn;

/** How urgent a churn warning is, lowest first; an alert has the highest level of its reasons. */
public enum ChurnLevel {
    WATCH, WARNING, CRITICAL;

    /** The level's rank as stored ({@code level_rank}): 1 for WATCH up to 3 for CRITICAL. */
    int rank() {
        return ordinal() + 1;
    }
}
