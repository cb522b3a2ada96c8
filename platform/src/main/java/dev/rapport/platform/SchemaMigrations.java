package dev.rapport.platform;

import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link SchemaModule}'s Flyway migrations at start-up, before anything touches the tables.
 * Flyway owns every table, Axon's included; Axon never creates schema at run time.
 */
public class SchemaMigrations {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    public SchemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        modules.stream()
                .sorted(Comparator.comparingInt(SchemaModule::order).thenComparing(SchemaModule::name))
                .forEach(module -> migrate(dataSource, module));
    }

    private static void migrate(DataSource dataSource, SchemaModule module) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations(module.location())
                .table("flyway_history_" + module.name())
                // the schema is shared: another module's tables may already be there
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        log.info("Schema module '{}': {} migration(s) applied, now at version {}",
                module.name(), result.migrationsExecuted, result.targetSchemaVersion);
    }
}
