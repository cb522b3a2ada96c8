package dev.rapport.command.idempotency;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests with an Idempotency-Key in PostgreSQL. Each statement runs on its own (auto-commit), never in
 * the command's transaction: the claim must be visible to duplicates while the command still runs, and a
 * duplicate waits by polling, so it holds no connection the first request might need.
 */
@Component
class IdempotencyStore {

    /** What is known about a key: the request it was first used for and, once finished, its answer. */
    record Entry(String fingerprint, Optional<StoredResponse> response) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return true when this request is the first with the key and so the one to run */
    boolean claim(String actor, String key, String fingerprint) {
        return jdbc.sql("""
                        INSERT INTO idempotent_request (actor, idempotency_key, fingerprint, created_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (actor, idempotency_key) DO NOTHING""")
                .params(actor, key, fingerprint, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update() == 1;
    }

    Optional<Entry> find(String actor, String key) {
        return jdbc.sql("SELECT fingerprint, status, headers, body FROM idempotent_request WHERE actor = ? AND idempotency_key = ?")
                .params(actor, key)
                .query((rs, row) -> {
                    int status = rs.getInt("status");
                    Optional<StoredResponse> response = rs.wasNull() ? Optional.empty() : Optional.of(new StoredResponse(
                            status, StoredResponse.parseHeaderLines(rs.getString("headers")), rs.getBytes("body")));
                    return new Entry(rs.getString("fingerprint"), response);
                })
                .optional();
    }

    void complete(String actor, String key, StoredResponse response) {
        jdbc.sql("UPDATE idempotent_request SET status = ?, headers = ?, body = ? WHERE actor = ? AND idempotency_key = ?")
                .params(response.status(), response.headerLines(), response.body(), actor, key)
                .update();
    }

    /** The request failed in a way worth retrying: forget the key so a retry runs the command again. */
    void release(String actor, String key) {
        jdbc.sql("DELETE FROM idempotent_request WHERE actor = ? AND idempotency_key = ? AND status IS NULL")
                .params(actor, key)
                .update();
    }
}
