package dev.rapport.query.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A chain link's hash, computed here rather than trusted from the database:
 * {@code sha256(previous hash || UTF-8 of the canonical fields joined by 0x1F)}, the form the event store's
 * trigger uses (V3__event_hash_chain.sql). Not thread-safe: one per verification.
 */
final class ChainHash {

    /** What the first link links to. */
    static final byte[] GENESIS = new byte[32];

    private static final byte UNIT_SEPARATOR = 0x1f;

    private final MessageDigest sha256;

    ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    byte[] of(byte[] previousHash, StoredEvent event) {
        sha256.update(previousHash);
        List<String> fields = event.canonicalFields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sha256.update(UNIT_SEPARATOR);
            }
            sha256.update(fields.get(i).getBytes(UTF_8));
        }
        return sha256.digest();
    }
}
