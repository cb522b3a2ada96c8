package dev.rapport.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.sql.DataSource;

import dev.rapport.platform.SchemaMigrations;
import dev.rapport.platform.SchemaModule;
import dev.rapport.query.writes.ProjectionWrites;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real PostgreSQL for projection tests: started once per test JVM, migrated with the event store's and
 * the query side's Flyway migrations. Projection tests feed events to a projection's handlers and
 * assert the rows; {@link #reset()} empties every read-model table between tests.
 */
public final class ProjectionDatabase {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private ProjectionDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataSource = postgres.getPostgresDatabase();
            new SchemaMigrations(dataSource, List.of(SchemaModule.EVENT_STORE,
                    new SchemaModule("query_side", "classpath:db/query-side", 20)));
        }
        return dataSource;
    }

    public static JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }

    /** Projection writes over this database: at once, or batched inside {@code batched}. */
    public static ProjectionWrites writes() {
        return ProjectionWrites.over(dataSource());
    }

    /** Empties every table the query side owns, keeping the schema. */
    public static void reset() {
        JdbcClient jdbc = jdbc();
        List<String> tables = jdbc.sql("""
                        SELECT tablename FROM pg_tables WHERE schemaname = 'public'
                          AND tablename NOT LIKE 'flyway_%' AND tablename NOT IN
                          ('domain_event_entry', 'event_hash_chain', 'snapshot_event_entry', 'token_entry', 'saga_entry',
                           'association_value_entry', 'dead_letter_entry')""")
                .query(String.class).list();
        if (!tables.isEmpty()) {
            jdbc.sql("TRUNCATE " + String.join(", ", tables)).update();
        }
    }
}
