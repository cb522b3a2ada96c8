package dev.rapport.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.Projections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild schema's copies: keys, unique indexes and the indexes the replay reads through from the start; the
 * indexes only queries need built after the replay, under the live names and definitions.
 */
class ShadowTablesTest {

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ShadowTables tables = new ShadowTables(jdbc);
    private final RebuildableProjections projections = new RebuildableProjections(List.of(
            new RebuildableProjection(Projections.CHURN_ALERTS, List.of("churn_customer", "churn_complaint", "churn_reason", "churn_alert"),
                    List.of(), List.of("churn_complaint_customer"))));
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(ProjectionDatabase.dataSource()));

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

    @Test
    void aReplayFindsItsRowsByIndexWhileTheCopiesAreNearlyEmpty() {
        RebuildableProjection churn = projections.named(Projections.CHURN_ALERTS);
        tables.create(churn);
        // a few hundred reasons, early in a replay: at this size a generic plan scans the whole table (a knife-edge: from
        // about 400 rows on the index wins again, but a connection keeps the plan it cached)
        jdbc.sql("INSERT INTO " + churn.rebuildSchema() + ".churn_reason (customer_id, reason, level, detail, raised_at) "
                + "SELECT 'c-' || i, (ARRAY['COMPLAINT', 'LOW_SATISFACTION', 'UNREACHABLE'])[1 + i % 3], 'WARNING', "
                + "'latest satisfaction score 2 of 5', now() FROM generate_series(1, 300) i").update();
        String plainPlan = genericPlanOfAStaleReasonsDelete(
                () -> jdbc.sql("SET LOCAL search_path TO " + churn.rebuildSchema() + ", public").update());
        String replayPlan = genericPlanOfAStaleReasonsDelete(() -> tables.useForReplay(churn));

        assertThat(plainPlan).as("what a replay's cached plan used to be").contains("Seq Scan on churn_reason");
        assertThat(replayPlan).contains("Index Scan using churn_reason_pkey on churn_reason").doesNotContain("Seq Scan");
    }

    @Test
    void theCopiesHaveStatisticsBeforeTheyGoLive() {
        RebuildableProjection churn = projections.named(Projections.CHURN_ALERTS);
        tables.create(churn);
        assertThat(neverAnalyzed(churn)).as("a fresh copy").containsExactlyInAnyOrderElementsOf(churn.tables());

        tables.analyze(churn);

        assertThat(neverAnalyzed(churn)).isEmpty();
    }

    @Test
    void theColumnsOtherWritersKeepAreCarriedOverAndAgainOnlyWhereTheyChangedSince() {
        RebuildableProjection customerView = projections.named(Projections.CUSTOMER_VIEW);
        tables.create(customerView);
        for (String schema : List.of("public", customerView.rebuildSchema())) {
            jdbc.sql("INSERT INTO " + schema + ".customer_view (customer_id, display_name, customer_type, registered_at, updated_at, "
                    + "aggregate_version) SELECT id, 'Name', 'INDIVIDUAL', now(), now(), 0 FROM unnest(ARRAY['carried-1', 'carried-2']) id")
                    .update();
        }
        try {
            jdbc.sql("UPDATE public.customer_view SET churn_level = 'WARNING', r_score = 4 WHERE customer_id = 'carried-1'").update();

            tables.carryOver(customerView);
            Map<String, String> firstPass = carried(customerView);
            jdbc.sql("UPDATE public.customer_view SET churn_level = 'WATCH' WHERE customer_id = 'carried-2'").update();
            tables.carryOver(customerView);
            Map<String, String> secondPass = carried(customerView);

            assertThat(firstPass.get("carried-1")).startsWith("WARNING 4 ");
            assertThat(secondPass.get("carried-1")).as("unchanged since: not written again (same xmin)").isEqualTo(firstPass.get("carried-1"));
            assertThat(secondPass.get("carried-2")).startsWith("WATCH - ").isNotEqualTo(firstPass.get("carried-2"));
        } finally {
            jdbc.sql("DELETE FROM public.customer_view WHERE customer_id IN ('carried-1', 'carried-2')").update();
        }
    }

    /** Each copied customer's churn level, R score and row version (xmin). */
    private Map<String, String> carried(RebuildableProjection customerView) {
        return jdbc.sql("SELECT customer_id, coalesce(churn_level, '-') || ' ' || coalesce(r_score::text, '-') || ' ' || xmin::text AS v "
                        + "FROM " + customerView.rebuildSchema() + ".customer_view")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The plan a pooled connection caches for a statement it runs again and again: generic, for any customer id, made
     * with the table as it is then.
     */
    private String genericPlanOfAStaleReasonsDelete(Runnable setUpTransaction) {
        return transactions.execute(status -> {
            setUpTransaction.run();
            jdbc.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
            jdbc.sql("PREPARE stale_reasons(text) AS DELETE FROM churn_reason r "
                    + "WHERE r.customer_id = $1 AND r.reason IN ('COMPLAINT', 'LOW_SATISFACTION')").update();
            String plan = String.join("\n", jdbc.sql("EXPLAIN EXECUTE stale_reasons('c-1')").query(String.class).list());
            jdbc.sql("DEALLOCATE stale_reasons").update();
            return plan;
        });
    }

    /** The copies PostgreSQL has no statistics for (reltuples -1: never analyzed or vacuumed). */
    private List<String> neverAnalyzed(RebuildableProjection projection) {
        return jdbc.sql("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relkind = 'r' AND c.reltuples < 0")
                .param(projection.rebuildSchema()).query(String.class).list();
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
