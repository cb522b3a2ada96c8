package dev.rapport.platform.privacy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The data subjects' AES-256 keys (table {@code personal_data_key}), created on first need and removed on
 * erasure, both in the caller's transaction (the one appending the events), with a short in-memory cache.
 * <p>
 * A key enters the cache only once it is known to be committed: a key created by a transaction that then
 * rolls back must never encrypt a later event. Erasure evicts at once on this node; other nodes keep a
 * cached key until its time to live runs out (docs/privacy.md).
 */
public class PersonalDataKeys {

    static final int KEY_VERSION = 1;
    private static final int KEY_BYTES = 32;

    /** A subject's key; {@code key} null when the subject was erased. */
    record SubjectKey(String subjectId, int version, SecretKey key) {
        boolean erased() {
            return key == null;
        }
    }

    private record Cached(SubjectKey key, Instant loadedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration timeToLive;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public PersonalDataKeys(JdbcClient jdbc, Clock clock, Duration timeToLive) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    /** The key to encrypt the subject's personal data with, created now if the subject has none yet. */
    SubjectKey forWriting(String subjectId) {
        SubjectKey key = cached(subjectId).orElseGet(() -> createOrLoad(subjectId));
        if (key.erased()) {
            throw new PersonalDataErased(subjectId);
        }
        return key;
    }

    /**
     * The key to decrypt with; erased (or never known) when it is gone. A key not yet in the cache is read once per
     * transaction: a rebuild's batch decrypts many events of each subject before its commit fills the cache.
     */
    SubjectKey forReading(String subjectId) {
        Optional<SubjectKey> cached = cached(subjectId);
        if (cached.isPresent()) {
            return cached.get();
        }
        Map<String, SubjectKey> readInTransaction = readInThisTransaction();
        SubjectKey read = readInTransaction.get(subjectId);
        if (read == null) {
            read = load(subjectId).map(this::remember).orElseGet(() -> new SubjectKey(subjectId, KEY_VERSION, null));
            readInTransaction.put(subjectId, read);
        }
        return read;
    }

    /** Reads the keys of these subjects that are not cached with one query, for the rest of the current transaction. */
    void readAhead(Collection<String> subjectIds) {
        Map<String, SubjectKey> readInTransaction = readInThisTransaction();
        String[] missing = subjectIds.stream().distinct()
                .filter(id -> !readInTransaction.containsKey(id) && cached(id).isEmpty())
                .toArray(String[]::new);
        if (missing.length == 0) {
            return;
        }
        Map<String, SubjectKey> found = new HashMap<>();
        jdbc.sql("SELECT subject_id, key_version, key_material FROM personal_data_key WHERE subject_id = ANY(?)")
                .param(new SqlParameterValue(Types.ARRAY, missing))
                .query((rs, row) -> {
                    byte[] material = rs.getBytes("key_material");
                    return new SubjectKey(rs.getString("subject_id"), rs.getInt("key_version"),
                            material == null ? null : new SecretKeySpec(material, "AES"));
                })
                .list().forEach(key -> found.put(key.subjectId(), remember(key)));
        for (String subjectId : missing) {
            readInTransaction.put(subjectId, found.getOrDefault(subjectId, new SubjectKey(subjectId, KEY_VERSION, null)));
        }
    }

    /** Removes the subject's key for good (a tombstone row stays, so no new key is ever made for them). */
    public void erase(String subjectId) {
        jdbc.sql("""
                        INSERT INTO personal_data_key (subject_id, key_version, key_material, erased_at) VALUES (?, ?, NULL, now())
                        ON CONFLICT (subject_id) DO UPDATE SET key_material = NULL,
                            erased_at = COALESCE(personal_data_key.erased_at, EXCLUDED.erased_at)""")
                .params(subjectId, KEY_VERSION).update();
        readInThisTransaction().remove(subjectId);
        cache.remove(subjectId);
        afterCommit(() -> cache.remove(subjectId));
    }

    private SubjectKey createOrLoad(String subjectId) {
        byte[] material = new byte[KEY_BYTES];
        random.nextBytes(material);
        // blocks while another open transaction inserts the same subject, then sees its committed row
        jdbc.sql("""
                        INSERT INTO personal_data_key (subject_id, key_version, key_material) VALUES (?, ?, ?)
                        ON CONFLICT (subject_id) DO NOTHING""")
                .params(subjectId, KEY_VERSION, material).update();
        SubjectKey key = load(subjectId).orElseThrow(() -> new IllegalStateException("Key of " + subjectId + " vanished"));
        return remember(key);
    }

    private Optional<SubjectKey> load(String subjectId) {
        return jdbc.sql("SELECT key_version, key_material FROM personal_data_key WHERE subject_id = ?")
                .param(subjectId)
                .query((rs, row) -> {
                    byte[] material = rs.getBytes("key_material");
                    return new SubjectKey(subjectId, rs.getInt("key_version"),
                            material == null ? null : new SecretKeySpec(material, "AES"));
                })
                .optional();
    }

    /** Cached once the transaction that saw it commits: what it saw may be its own, yet uncommitted, write. */
    private SubjectKey remember(SubjectKey key) {
        Cached entry = new Cached(key, clock.instant());
        afterCommit(() -> cache.put(key.subjectId(), entry));
        return key;
    }

    private Optional<SubjectKey> cached(String subjectId) {
        Cached entry = cache.get(subjectId);
        if (entry == null) {
            return Optional.empty();
        }
        // an erasure is final: only live keys expire
        if (!entry.key().erased() && entry.loadedAt().plus(timeToLive).isBefore(clock.instant())) {
            cache.remove(subjectId, entry);
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }

    /** The keys read by the current transaction (valid in it, whether or not it commits); a throwaway map outside one. */
    @SuppressWarnings("unchecked")
    private Map<String, SubjectKey> readInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        Map<String, SubjectKey> keys = (Map<String, SubjectKey>) TransactionSynchronizationManager.getResource(this);
        if (keys == null) {
            Map<String, SubjectKey> bound = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PersonalDataKeys.this);
                }
            });
            keys = bound;
        }
        return keys;
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
