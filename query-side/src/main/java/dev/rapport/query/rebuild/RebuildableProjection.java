package dev.rapport.query.rebuild;

import java.util.List;

/**
 * A projection that can be rebuilt blue/green: the tables its handlers write, and the columns of those
 * tables that other components own (carried over from the live table at the swap, never replayed).
 */
public record RebuildableProjection(String name, List<String> tables, List<CarriedColumns> carried) {

    /** Columns of a table written by another component, matched on the table's key at the swap. */
    public record CarriedColumns(String table, String key, List<String> columns) {
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
