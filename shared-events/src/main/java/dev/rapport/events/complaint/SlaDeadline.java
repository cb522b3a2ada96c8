package dev.rapport.events.complaint;

/** The service-level deadlines of a complaint. */
public enum SlaDeadline {
    /** Acknowledge the complaint. */
    ACKNOWLEDGE,
    /** Resolve it. */
    RESOLVE,
    /** Contact the customer after resolution (回访). */
    FOLLOW_UP
}
