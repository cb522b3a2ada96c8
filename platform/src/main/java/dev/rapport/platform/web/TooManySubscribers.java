package dev.rapport.platform.web;

/** A live subscription was refused because the configured maximum are open: answered 503 with Retry-After. */
public class TooManySubscribers extends RuntimeException {

    public TooManySubscribers(int maximum) {
        super("All " + maximum + " live subscriptions are in use; try again later");
    }
}
