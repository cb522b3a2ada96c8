package dev.rapport.query.churn;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import dev.rapport.query.InvalidQuery;

/**
 * The keyset cursor of the alert list, opaque to clients: the level rank, raised time and customer id of the
 * last alert of a page, the list's sort key.
 */
record AlertCursor(int levelRank, Instant raisedAt, String customerId) {

    private static final String PREFIX = "a1";

    static AlertCursor after(ChurnAlert alert) {
        return new AlertCursor(alert.level().rank(), alert.raisedAt(), alert.customerId());
    }

    String encode() {
        String plain = String.join("\n", PREFIX, Integer.toString(levelRank), raisedAt.toString(), customerId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(UTF_8));
    }

    /** @return the position the cursor points after; null for the first page */
    static AlertCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), UTF_8).split("\n", 4);
            if (parts.length == 4 && PREFIX.equals(parts[0]) && !parts[3].isEmpty()) {
                return new AlertCursor(Integer.parseInt(parts[1]), Instant.parse(parts[2]), parts[3]);
            }
        } catch (IllegalArgumentException | DateTimeParseException notOurs) {
            // answered below like any other cursor this API did not issue
        }
        throw new InvalidQuery("cursor", "is not a cursor this API issued");
    }
}
