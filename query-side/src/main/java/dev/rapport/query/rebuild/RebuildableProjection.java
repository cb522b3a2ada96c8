package dev.rapport.query.rebuild;

import java.util.List;

/**
 * A projection that can be rebuilt blue/green: the tables its handlers write, the columns of those tables that
 * other components own (carried over from the live table at the swap, never replayed), the tables of other
 * projections its handlers also touch (given empty stand-ins in the rebuild schema, so a replay never writes
 * into them), the plain indexes its handlers' statements read through, and the steps it needs around the swap.
 * <p>
 * Of the tables' indexes, the primary keys, unique constraints and unique indexes, and the {@code replayIndexes},
 * are built before the replay; the other plain indexes, which serve queries only, after it (before the swap): one
 * sorted build each instead of an index entry per row version the replay writes.
 */
public record RebuildableProjection(String name, List<String> tables, List<CarriedColumns> carried, List<String> standIns,
                                    List<String> replayIndexes, SwapSteps swapSteps) {

    public RebuildableProjection(String name, List<String> tables, List<CarriedColumns> carried) {
        this(name, tables, carried, List.of(), List.of(), SwapSteps.NONE);
    }

    public RebuildableProjection(String name, List<String> tables, List<CarriedColumns> carried, List<String> replayIndexes) {
        this(name, tables, carried, List.of(), replayIndexes, SwapSteps.NONE);
    }

    /** Columns of a table written by another component, matched on the table's key at the swap. */
    public record CarriedColumns(String table, String key, List<String> columns) {
    }

    /** What a projection adds to the swap transaction. */
    public interface SwapSteps {

        SwapSteps NONE = new SwapSteps() {
        };

        /** Before the live tables are locked: locks the projection's writers take first, so they cannot deadlock with it. */
        default void beforeLock() {
        }

        /** The rebuilt tables are live, the replaced ones are in {@code retiredSchema}: bring over what the log cannot give. */
        default void afterSwap(String retiredSchema) {
        }
    }

    /** The schema the rebuild writes into; projection names are fixed identifiers, never user input. */
    String rebuildSchema() {
        return "rebuild_" + name.replace('-', '_');
    }

    /** The schema the replaced tables move to at the swap, until they are dropped. */
    String retiredSchema() {
        return "retired_" + name.replace('-', '_');
    }
}
