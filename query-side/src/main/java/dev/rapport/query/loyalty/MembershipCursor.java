package dev.rapport.query.loyalty;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;

import dev.rapport.query.InvalidQuery;

/**
 * The keyset cursor of the membership list: the last membership id of a page, opaque to clients. Ids never
 * change, so a cursor stays valid and a page never repeats or skips a membership that existed before it.
 */
final class MembershipCursor {

    private static final String PREFIX = "m:";

    private MembershipCursor() {
    }

    static String after(String membershipId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + membershipId).getBytes(UTF_8));
    }

    /** @return the membership id the cursor points after; null for the first page */
    static String membershipIdOf(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), UTF_8);
            if (decoded.startsWith(PREFIX) && decoded.length() > PREFIX.length()) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below like any other cursor this API did not issue
        }
        throw new InvalidQuery("cursor", "is not a cursor this API issued");
    }
}
