package dev.rapport.query.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import dev.rapport.query.InvalidQuery;

/**
 * Where a page of complaints ended: the last complaint's filing time and id, the list's sort key.
 * Handed to clients as an opaque URL-safe string.
 */
record ComplaintCursor(Instant filedAt, String complaintId) {

    private static final char SEPARATOR = '|';

    static ComplaintCursor of(ComplaintView last) {
        return new ComplaintCursor(last.filedAt(), last.complaintId());
    }

    String encode() {
        String plain = filedAt.toString() + SEPARATOR + complaintId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidQuery when the text is not a cursor this API handed out */
    static ComplaintCursor decode(String field, String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int separator = plain.indexOf(SEPARATOR);
            if (separator < 0 || separator == plain.length() - 1) {
                throw new IllegalArgumentException("no separator");
            }
            return new ComplaintCursor(Instant.parse(plain.substring(0, separator)), plain.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidQuery(field, "is not a cursor returned as 'next' by this API");
        }
    }
}
