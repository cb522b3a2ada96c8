package dev.rapport.query.churn;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows the churn tests set up by hand, and what they read back. */
final class ChurnTables {

    private static final Instant REGISTERED = Instant.parse("2024-01-01T00:00:00Z");

    private ChurnTables() {
    }

    /** The churn projection as the application wires it, its level copied to customer_view at once. */
    static ChurnAlertProjection projection(JdbcClient jdbc, ProjectionWrites writes, ChurnAlertStream stream) {
        return new ChurnAlertProjection(jdbc, writes, new ChurnAlerts(jdbc, new ChurnAlertViews(jdbc), stream),
                ChurnLevelFollower.atOnce(jdbc), new SimpleMeterRegistry());
    }

    /** The customer_view row the customer-view projection would have made. */
    static void customerView(JdbcClient jdbc, String customerId) {
        jdbc.sql("""
                        INSERT INTO customer_view (customer_id, display_name, customer_type, registered_at, updated_at, aggregate_version)
                        VALUES (?, ?, 'INDIVIDUAL', ?, ?, 0)""")
                .params(customerId, "Name " + customerId, Timestamp.from(REGISTERED), Timestamp.from(REGISTERED))
                .update();
    }

    static String churnLevelOnCustomerView(JdbcClient jdbc, String customerId) {
        return jdbc.sql("SELECT churn_level FROM customer_view WHERE customer_id = ?").param(customerId)
                .query((rs, row) -> rs.getString("churn_level")).list().get(0);
    }

    /** A sale as the customer-view projection records it in customer_purchase. */
    static void purchase(JdbcClient jdbc, String customerId, Instant at, String amount, String refunded) {
        String saleId = customerId + "-" + at.toEpochMilli();
        jdbc.sql("""
                        INSERT INTO customer_purchase (sale_id, customer_id, order_id, occurred_at, amount, refunded, currency)
                        VALUES (?, ?, ?, ?, ?, ?, 'CNY')""")
                .params(saleId, customerId, "o-" + saleId, Timestamp.from(at), new BigDecimal(amount), new BigDecimal(refunded))
                .update();
    }

    static void purchase(JdbcClient jdbc, String customerId, Instant at, String amount) {
        purchase(jdbc, customerId, at, amount, "0");
    }

    /** Every row of the churn tables, in a stable order, to compare before and after. */
    static List<String> snapshot(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT 'customer ' || row_to_json(c)::text FROM churn_customer c
                        UNION ALL SELECT 'complaint ' || row_to_json(k)::text FROM churn_complaint k
                        UNION ALL SELECT 'reason ' || row_to_json(r)::text FROM churn_reason r
                        UNION ALL SELECT 'alert ' || row_to_json(a)::text FROM churn_alert a
                        UNION ALL SELECT 'view ' || customer_id || ' ' || coalesce(churn_level, '-') FROM customer_view
                        ORDER BY 1""")
                .query(String.class).list();
    }
}
