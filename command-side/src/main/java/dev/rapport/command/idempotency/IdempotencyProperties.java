package dev.rapport.command.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retention    how long a stored answer is replayed for its key; purged afterwards
 * @param waitTimeout  how long a duplicate waits for the first request with its key to finish
 * @param purgeInterval how often expired answers are deleted
 */
@ConfigurationProperties("rapport.idempotency")
public record IdempotencyProperties(Duration retention, Duration waitTimeout, Duration purgeInterval) {

    public IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
        waitTimeout = waitTimeout == null ? Duration.ofSeconds(30) : waitTimeout;
        purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
    }
}
