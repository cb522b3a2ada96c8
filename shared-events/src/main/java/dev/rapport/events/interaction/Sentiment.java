package dev.rapport.events.interaction;

/** The customer's mood as the employee or a classifier read it. */
public enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE
}
