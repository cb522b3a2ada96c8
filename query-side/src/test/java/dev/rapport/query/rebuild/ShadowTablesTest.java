package dev.rapport.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.Projections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rebuild schema's copies: keys, unique indexes and the indexes the replay reads through from the start; the
 * indexes only queries need built after the replay, under the live names and definitions.
 */
class ShadowTablesTest {

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ShadowTables tables = new ShadowTables(jdbc);
    private final RebuildableProjections projections = new RebuildableProjections(List.of());

    @AfterEach
    void dropTheRebuildSchemas() {
        projections.all().forEach(p -> jdbc.sql("DROP SCHEMA IF EXISTS " + p.rebuildSchema() + " CASCADE").update());
    }

    @Test
    void theCopiesStartWithTheirKeysAndUniqueIndexesOnlyAndGetTheRestAfterTheReplay() {
        RebuildableProjection customerView = projections.named(Projections.CUSTOMER_VIEW);
        tables.create(customerView);

        assertThat(indexes(customerView.rebuildSchema(), "customer_view")).containsExactly("customer_view_pkey");
        assertThat(indexes(customerView.rebuildSchema(), "customer_purchase")).containsExactly("customer_purchase_pkey");

        tables.completeIndexes(customerView);

        for (String table : customerView.tables()) {
            assertThat(definitions(customerView.rebuildSchema(), table)).as(table)
                    .isEqualTo(definitions("public", table)).isNotEmpty();
        }
        assertThat(indexes(customerView.rebuildSchema(), "customer_view")).contains("customer_view_spend_12m", "customer_view_churn");
    }

    @Test
    void theIndexesTheReplayReadsThroughAndUniqueIndexesAreThereFromTheStart() {
        RebuildableProjection loyalty = projections.named(Projections.LOYALTY_VIEW);
        tables.create(loyalty);

        assertThat(indexes(loyalty.rebuildSchema(), "membership_view"))
                .as("a unique index keeps enforcing during the replay").contains("membership_view_customer")
                .doesNotContain("membership_view_tier");
        assertThat(indexes(loyalty.rebuildSchema(), "membership_points_lot")).contains("membership_points_lot_open");
        assertThat(indexes(loyalty.rebuildSchema(), "membership_qualifying")).contains("membership_qualifying_window");

        tables.completeIndexes(loyalty);
        tables.completeIndexes(loyalty);

        for (String table : loyalty.tables()) {
            assertThat(definitions(loyalty.rebuildSchema(), table)).as(table).isEqualTo(definitions("public", table));
        }
    }

    private List<String> indexes(String schema, String table) {
        return jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname")
                .params(schema, table).query(String.class).list();
    }

    /** Each index by name and definition, the schema left out. */
    private List<String> definitions(String schema, String table) {
        return jdbc.sql("SELECT replace(indexdef, ' ON ' || schemaname || '.', ' ON ') FROM pg_indexes "
                        + "WHERE schemaname = ? AND tablename = ? ORDER BY indexname")
                .params(schema, table).query(String.class).list();
    }
}
