package dev.rapport.platform.web;

/**
 * A query asked to see a position the projection it reads has not reached within the wait allowed:
 * answered 503 with Retry-After, so the client tries again shortly.
 */
public class NotYetConsistent extends RuntimeException {

    private final String projection;
    private final long position;

    public NotYetConsistent(String projection, long position) {
        super("Projection '" + projection + "' has not yet processed position " + position);
        this.projection = projection;
        this.position = position;
    }

    public String projection() {
        return projection;
    }

    public long position() {
        return position;
    }
}
