package dev.rapport.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * With no {@code spring.datasource.url}, Rapport runs on its own PostgreSQL: a real server process
 * (zonky binaries from Maven Central) whose cluster lives under {@code ./data/postgres}, so a restart
 * keeps every event. Nothing has to be installed to run or test.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "embedded", matchIfMissing = true)
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Path dataDir = Path.of(properties.dataDir()).toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // stopped by the context (destroyMethod), after everything using the DataSource: with its own JVM
                // shutdown hook it stopped at once on SIGTERM, in parallel with the context's close, and every
                // processor and request still running waited out its connection timeout (over a minute in all)
                .setRegisterShutdownHook(false)
                // a CRM event store commits many small transactions; durability stays on
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "128MB");
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL is up, data in {}. Connect with: psql \"postgresql://postgres@localhost:{}/postgres\" (JDBC URL {})",
                dataDir, postgres.getPort(), jdbcUrl(postgres));
        return postgres;
    }

    /** Pool settings from {@code spring.datasource.hikari.*}, as for an external database (e.g. the 2 s connection timeout). */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl(postgres));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("rapport-embedded");
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }
}
