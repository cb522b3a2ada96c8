package dev.rapport.command.loyalty;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.UUID;

/**
 * Membership ids and member numbers, both derived from what they identify so that no lookup is needed: a
 * customer has one membership id, so a second enrolment collides in the event store and is refused (409).
 */
public final class MembershipIds {

    private static final long TEN_DIGITS = 10_000_000_000L;

    private MembershipIds() {
    }

    /** The one membership id a customer can have. */
    public static String forCustomer(String customerId) {
        return UUID.nameUUIDFromBytes(("membership/" + customerId).getBytes(UTF_8)).toString();
    }

    /**
     * The number printed on the card: "RP" and 10 digits taken from a name-based hash of the membership id.
     * Readable and stable, but not guaranteed unique (10^10 values): the membership id stays the key.
     */
    public static String memberNumber(String membershipId) {
        long hash = UUID.nameUUIDFromBytes(("member-number/" + membershipId).getBytes(UTF_8)).getMostSignificantBits();
        return "RP%010d".formatted(Math.floorMod(hash, TEN_DIGITS));
    }
}
