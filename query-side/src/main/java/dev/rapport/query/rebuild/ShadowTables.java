package dev.rapport.query.rebuild;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rebuild schema's copies of a projection's tables, and the swap that makes them the live ones.
 * The copies carry the very index and constraint names Flyway gave the originals (a plain
 * {@code LIKE ... INCLUDING INDEXES} would generate new ones), so later migrations still find them.
 */
@Component
class ShadowTables {

    private final JdbcClient jdbc;

    ShadowTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A fresh, empty rebuild schema with a copy of each table, and a bare stand-in for each table of another
     * projection the handlers touch (it stays empty and is dropped with the schema). Runs in the caller's transaction.
     */
    void create(RebuildableProjection projection) {
        String schema = projection.rebuildSchema();
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + schema).update();
        for (String table : projection.tables()) {
            jdbc.sql("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL EXCLUDING INDEXES)").update();
            for (String constraint : indexedConstraints(table)) {
                jdbc.sql("ALTER TABLE " + schema + "." + table + " ADD " + constraint).update();
            }
            for (String index : plainIndexes(table)) {
                jdbc.sql(onSchema(index, table, schema)).update();
            }
        }
        for (String table : projection.standIns()) {
            jdbc.sql("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + ")").update();
        }
    }

    /** Whether the rebuild schema exists (a failed or interrupted rebuild left it). */
    boolean exist(RebuildableProjection projection) {
        return jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname = ?").param(projection.rebuildSchema())
                .query(Long.class).single() > 0;
    }

    /** Blocks every reader and writer of the live tables until the caller's transaction ends. */
    void lockLive(RebuildableProjection projection) {
        jdbc.sql("LOCK TABLE " + String.join(", ", projection.tables().stream().map(t -> "public." + t).toList())
                + " IN ACCESS EXCLUSIVE MODE").update();
    }

    /** Live tables to the retired schema, rebuilt ones to public; the caller holds the locks. */
    void swap(RebuildableProjection projection) {
        for (RebuildableProjection.CarriedColumns carried : projection.carried()) {
            carryOver(projection.rebuildSchema(), carried);
        }
        String retired = projection.retiredSchema();
        jdbc.sql("DROP SCHEMA IF EXISTS " + retired + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + retired).update();
        for (String table : projection.tables()) {
            jdbc.sql("ALTER TABLE public." + table + " SET SCHEMA " + retired).update();
            jdbc.sql("ALTER TABLE " + projection.rebuildSchema() + "." + table + " SET SCHEMA public").update();
        }
        jdbc.sql("DROP SCHEMA " + projection.rebuildSchema() + (projection.standIns().isEmpty() ? "" : " CASCADE")).update();
    }

    void dropRetired(RebuildableProjection projection) {
        jdbc.sql("DROP SCHEMA IF EXISTS " + projection.retiredSchema() + " CASCADE").update();
    }

    private void carryOver(String schema, RebuildableProjection.CarriedColumns carried) {
        String columns = String.join(", ", carried.columns());
        String live = String.join(", ", carried.columns().stream().map(c -> "l." + c).toList());
        jdbc.sql("UPDATE " + schema + "." + carried.table() + " r SET (" + columns + ") = (" + live + ") FROM public."
                + carried.table() + " l WHERE l." + carried.key() + " = r." + carried.key()).update();
    }

    /** Primary key, unique and exclusion constraints, each as "CONSTRAINT name definition". */
    private List<String> indexedConstraints(String table) {
        return jdbc.sql("""
                        SELECT 'CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
                        FROM pg_constraint WHERE conrelid = ('public.' || ?)::regclass AND contype IN ('p', 'u', 'x')
                        ORDER BY conname""")
                .param(table).query(String.class).list();
    }

    /** The indexes that back no constraint, as CREATE INDEX statements on the public table. */
    private List<String> plainIndexes(String table) {
        return jdbc.sql("""
                        SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                        WHERE i.indrelid = ('public.' || ?)::regclass
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                        ORDER BY i.indexrelid::regclass::text""")
                .param(table).query(String.class).list();
    }

    private static String onSchema(String indexDefinition, String table, String schema) {
        Matcher on = Pattern.compile(" ON (ONLY )?(public\\.)?" + Pattern.quote(table) + " USING ").matcher(indexDefinition);
        if (!on.find()) {
            throw new IllegalStateException("Unexpected index definition: " + indexDefinition);
        }
        return indexDefinition.substring(0, on.start()) + " ON " + schema + "." + table + " USING "
                + indexDefinition.substring(on.end());
    }
}
