package dev.rapport.command.loyalty;

import java.time.Instant;

/**
 * The payload of the deadline that ends a granted tier. The expiry identifies the grant, so the deadline of a
 * grant that was since replaced or overtaken does nothing.
 */
public record GrantExpiryDue(String membershipId, Instant expiresAt) {
}
