package dev.rapport.query.customer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.rapport.query.InvalidQuery;

/** An opaque keyset cursor: the sort value and id of the last customer of a page. */
record CustomerCursor(String value, String customerId) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((value + "\n" + customerId).getBytes(StandardCharsets.UTF_8));
    }

    static CustomerCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("malformed cursor");
            }
            return new CustomerCursor(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("cursor", "is not a cursor this API issued");
        }
    }
}
