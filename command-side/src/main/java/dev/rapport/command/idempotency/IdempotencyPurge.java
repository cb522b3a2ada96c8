package dev.rapport.command.idempotency;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets stored answers once their retention ({@code rapport.idempotency.retention}, 24 h) is over. */
@Component
public class IdempotencyPurge {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;

    IdempotencyPurge(JdbcClient jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** @return how many stored answers were deleted */
    @Scheduled(fixedDelayString = "${rapport.idempotency.purge-interval:10m}")
    public int purgeExpired() {
        OffsetDateTime expiry = OffsetDateTime.ofInstant(clock.instant().minus(properties.retention()), ZoneOffset.UTC);
        return jdbc.sql("DELETE FROM idempotent_request WHERE created_at < ?").param(expiry).update();
    }
}
