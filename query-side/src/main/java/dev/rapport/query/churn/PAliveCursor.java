package dev.rapport.query.churn;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;

import dev.rapport.query.InvalidQuery;

/** The keyset cursor of the alert list sorted by P(alive): the last alert's P(alive) (null when unscored) and customer id. */
record PAliveCursor(Double pAlive, String customerId) {

    static final String SORT = "pAlive";
    private static final String PREFIX = "p1";
    private static final String UNSCORED = "-";

    static PAliveCursor after(ChurnAlert alert) {
        return new PAliveCursor(alert.pAlive(), alert.customerId());
    }

    String encode() {
        String plain = String.join("\n", PREFIX, pAlive == null ? UNSCORED : Double.toString(pAlive), customerId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(UTF_8));
    }

    /** @return the position the cursor points after; null for the first page */
    static PAliveCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), UTF_8).split("\n", 3);
            if (parts.length == 3 && PREFIX.equals(parts[0]) && !parts[2].isEmpty()) {
                return new PAliveCursor(UNSCORED.equals(parts[1]) ? null : Double.valueOf(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException notOurs) {
            // answered below like any other cursor this API did not issue
        }
        throw new InvalidQuery("cursor", "is not a cursor this API issued for sort=pAlive");
    }
}
