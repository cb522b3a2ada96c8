package dev.rapport.events.interaction;

/** Who started the contact. */
public enum Direction {
    /** The customer reached out. */
    INBOUND,
    /** The business reached out. */
    OUTBOUND
}
