package dev.rapport.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; kept across restarts so no event is ever lost
 * @param port    TCP port on localhost, 0 picks a free one
 */
@ConfigurationProperties("rapport.embedded-postgres")
public record EmbeddedPostgresProperties(String dataDir, int port) {

    public EmbeddedPostgresProperties {
        if (dataDir == null || dataDir.isBlank()) {
            dataDir = "./data/postgres";
        }
    }
}
