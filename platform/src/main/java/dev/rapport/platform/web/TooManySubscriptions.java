package dev.rapport.platform.web;

/** One user opened more live subscriptions in a minute than allowed: answered 429 with Retry-After. */
public class TooManySubscriptions extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManySubscriptions(int perMinute, long retryAfterSeconds) {
        super("At most " + perMinute + " new live subscriptions per minute and user (rapport.limits.subscriptions-per-minute)");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
