package dev.rapport.command.loyalty;

import java.time.Instant;

import dev.rapport.events.loyalty.Tier;

/** A tier granted by hand, held until {@code expiresAt}. */
record TierGrant(Tier tier, Instant expiresAt) {

    boolean activeAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
