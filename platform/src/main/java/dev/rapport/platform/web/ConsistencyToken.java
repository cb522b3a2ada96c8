package dev.rapport.platform.web;

/**
 * Read-your-writes between the sides: a command's answer carries the position in the event log its
 * events reached; a query that sends it back ({@value #HEADER} header or {@code ?after=}) is answered
 * only once the projections it reads have processed that position.
 */
public final class ConsistencyToken {

    public static final String HEADER = "X-Consistency-Token";
    public static final String PARAMETER = "after";

    private ConsistencyToken() {
    }

    public static String format(long position) {
        return Long.toString(position);
    }

    /** @return the position, or -1 when no token was given; {@link IllegalArgumentException} when malformed */
    public static long parse(String token) {
        if (token == null || token.isBlank()) {
            return -1;
        }
        try {
            long position = Long.parseLong(token.strip());
            if (position < 0) {
                throw new IllegalArgumentException("a consistency token is a non-negative position");
            }
            return position;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + token + "' is not a consistency token");
        }
    }
}
