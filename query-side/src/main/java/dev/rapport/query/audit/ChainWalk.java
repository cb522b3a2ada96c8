package dev.rapport.query.audit;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks events in position order against their links and stops at the first break. Some breaks never come up
 * as an event row (a link whose event is gone, events are read LEFT JOIN links): those are looked for up front
 * and reported when the walk passes their position.
 */
final class ChainWalk {

    private final ChainBreak knownBreak;
    private final ChainHash hash = new ChainHash();
    private long checked;
    private Long lastPosition;

    /** @param knownBreak the lowest break found without walking, if any */
    ChainWalk(Optional<ChainBreak> knownBreak) {
        this.knownBreak = knownBreak.orElse(null);
    }

    /**
     * @param link              the event's link, null when it has none
     * @param precedingLinkHash the hash of the link just below the event ({@link ChainHash#GENESIS} for the first)
     * @return the verdict if the chain is broken here or below
     */
    Optional<ChainVerification> step(StoredEvent event, StoredLink link, byte[] precedingLinkHash) {
        if (knownBreak != null && knownBreak.position() < event.position()) {
            return Optional.of(verdict(knownBreak));
        }
        if (link == null) {
            return broken(event, ChainProblem.MISSING_LINK);
        }
        if (!MessageDigest.isEqual(link.previousHash(), precedingLinkHash)) {
            return broken(event, ChainProblem.BROKEN_LINKAGE);
        }
        if (!MessageDigest.isEqual(hash.of(link.previousHash(), event), link.hash())) {
            return broken(event, ChainProblem.ALTERED);
        }
        checked++;
        lastPosition = event.position();
        return Optional.empty();
    }

    /** The verdict once every event has been stepped through. */
    ChainVerification end() {
        return knownBreak == null ? ChainVerification.intact(checked, lastPosition) : verdict(knownBreak);
    }

    long checked() {
        return checked;
    }

    private Optional<ChainVerification> broken(StoredEvent event, ChainProblem problem) {
        return Optional.of(verdict(new ChainBreak(event.position(), problem)));
    }

    private ChainVerification verdict(ChainBreak found) {
        return ChainVerification.broken(checked, found.position(), found.problem(), lastPosition);
    }
}
