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
     * projection the handlers touch (it stays empty and is dropped with the schema). The indexes only queries need
     * are left for {@link #completeIndexes}. Runs in the caller's transaction.
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
            for (PlainIndex index : plainIndexes(table)) {
                if (index.unique() || projection.replayIndexes().contains(index.name())) {
                    jdbc.sql(onSchema(index.definition(), table, schema)).update();
                }
            }
        }
        for (String table : projection.standIns()) {
            jdbc.sql("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + ")").update();
        }
    }

    /**
     * Builds the indexes of the live tables that the copies lack (those {@link #create} left out): after the replay, before
     * the swap. Runs in the caller's transaction; a copy that has them all (built before, or by an earlier version) gains none.
     */
    void completeIndexes(RebuildableProjection projection) {
        String schema = projection.rebuildSchema();
        for (String table : projection.tables()) {
            for (PlainIndex index : plainIndexes(table)) {
                jdbc.sql(onSchema(index.definition(), table, schema)
                        .replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")).update();
            }
        }
    }

    /**
     * Points the caller's transaction at the copies (the handlers' unqualified table names resolve to them) and has it
     * look rows up by index. The copies are analyzed only before they go live: while they fill, the planner sees them as
     * nearly empty, and a plan a pooled connection cached then (a sequential scan) was kept as they grew (at 1M events, one
     * churn statement went from 0.01 ms to 0.49 ms and 85 buffers a call). Every statement of a replay finds its rows by
     * key; a statement with no index to use still gets its sequential scan.
     */
    void useForReplay(RebuildableProjection projection) {
        jdbc.sql("SELECT set_config('search_path', ?, true), set_config('enable_seqscan', 'off', true)")
                .param(projection.rebuildSchema() + ", public").query((rs, row) -> row).list();
    }

    /** Statistics for the copies, before they go live: queries are planned with them from the first one on. */
    void analyze(RebuildableProjection projection) {
        for (String table : projection.tables()) {
            jdbc.sql("ANALYZE " + projection.rebuildSchema() + "." + table).update();
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

    /**
     * Copies the columns other writers keep on the live tables (segments, churn level) into the copies, before the locks
     * and before the query-only indexes: the swap then carries over only the rows that changed since. Carried over
     * whole under the locks, they held queries off for 5.8 s at 1M events (106,903 customer rows, every index updated).
     */
    void carryOver(RebuildableProjection projection) {
        for (RebuildableProjection.CarriedColumns carried : projection.carried()) {
            carryOver(projection.rebuildSchema(), carried);
        }
    }

    /** Live tables to the retired schema, rebuilt ones to public; the caller holds the locks. */
    void swap(RebuildableProjection projection) {
        carryOver(projection);
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
        String rebuilt = String.join(", ", carried.columns().stream().map(c -> "r." + c).toList());
        jdbc.sql("UPDATE " + schema + "." + carried.table() + " r SET (" + columns + ") = (" + live + ") FROM public."
                + carried.table() + " l WHERE l." + carried.key() + " = r." + carried.key()
                + " AND (" + rebuilt + ") IS DISTINCT FROM (" + live + ")").update();
    }

    /** Primary key, unique and exclusion constraints, each as "CONSTRAINT name definition". */
    private List<String> indexedConstraints(String table) {
        return jdbc.sql("""
                        SELECT 'CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
                        FROM pg_constraint WHERE conrelid = ('public.' || ?)::regclass AND contype IN ('p', 'u', 'x')
                        ORDER BY conname""")
                .param(table).query(String.class).list();
    }

    /** An index that backs no constraint: its name, whether it is unique, its CREATE INDEX statement on the public table. */
    private record PlainIndex(String name, boolean unique, String definition) {
    }

    private List<PlainIndex> plainIndexes(String table) {
        return jdbc.sql("""
                        SELECT c.relname, i.indisunique, pg_get_indexdef(i.indexrelid) FROM pg_index i
                        JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE i.indrelid = ('public.' || ?)::regclass
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                        ORDER BY i.indexrelid::regclass::text""")
                .param(table)
                .query((rs, row) -> new PlainIndex(rs.getString(1), rs.getBoolean(2), rs.getString(3)))
                .list();
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
