package dev.rapport.platform.web;

/**
 * A command lost the race for its aggregate (another request, possibly on another node, stored events
 * first) on every attempt it was given. Answered 409 problem+json {@code concurrent-modification},
 * naming the aggregate; the client may retry.
 */
public class ConcurrentModification extends RuntimeException {

    private final String aggregateId;

    public ConcurrentModification(String aggregateId, int attempts, Throwable cause) {
        super("'" + aggregateId + "' was changed concurrently by other requests on each of " + attempts
                + " attempts; retry with the current state", cause);
        this.aggregateId = aggregateId;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
