package dev.rapport.query.rebuild;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every rebuildable read-model table as a row count and an md5 of its rows as text in primary-key
 * order: two digests are equal exactly when the tables hold the same rows. The columns of customer_view
 * that other components write (churn level, segment figures) get a digest of their own.
 */
public final class ReadModelDigest {

    private static final Map<String, String> PRIMARY_KEYS = Map.ofEntries(
            Map.entry("customer_view", "customer_id"), Map.entry("customer_purchase", "sale_id"),
            Map.entry("customer_refund", "sale_id, refund_id"), Map.entry("customer_open_complaint", "complaint_id"),
            Map.entry("customer_timeline", "position"), Map.entry("complaint_view", "complaint_id"),
            Map.entry("membership_view", "membership_id"), Map.entry("membership_qualifying", "membership_id, sale_id"),
            Map.entry("membership_points_lot", "membership_id, credit_sequence"),
            Map.entry("churn_customer", "customer_id"), Map.entry("churn_complaint", "complaint_id"),
            Map.entry("churn_reason", "customer_id, reason, source"), Map.entry("churn_alert", "customer_id"));

    private ReadModelDigest() {
    }

    public static Map<String, String> of(JdbcClient jdbc, RebuildableProjections projections) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (RebuildableProjection projection : projections.all()) {
            for (String table : projection.tables()) {
                List<String> columns = jdbc.sql("""
                                SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?
                                ORDER BY ordinal_position""")
                        .param(table).query(String.class).list().stream()
                        .filter(column -> !table.equals("customer_view") || !RebuildableProjections.CUSTOMER_VIEW_FOREIGN_COLUMNS.contains(column))
                        .toList();
                String rows = "ROW(" + String.join(", ", columns) + ")::text";
                contents.put(table, jdbc.sql("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(" + rows + ", E'\\n' ORDER BY "
                        + PRIMARY_KEYS.get(table) + ")), '-') FROM public." + table).query(String.class).single());
            }
        }
        String carried = "ROW(customer_id, " + String.join(", ", RebuildableProjections.CUSTOMER_VIEW_FOREIGN_COLUMNS) + ")::text";
        contents.put("customer_view columns carried over", jdbc.sql("SELECT md5(string_agg(" + carried
                + ", E'\\n' ORDER BY customer_id)) FROM public.customer_view").query(String.class).single());
        return contents;
    }
}
