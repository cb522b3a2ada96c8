package dev.rapport.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer list reads a page from an index in the order asked for, however many customers there are: no scan and
 * sort of every customer (at 100k events that made PostgreSQL's CPU per request several times the application's;
 * docs/performance.md, "Query and lag paths, round 3"). The plans are PostgreSQL's own, over 5,000 analysed customers.
 */
class CustomerListPlanTest {

    /** A full scan of the customers, or a sort node (plain or incremental) of whatever was read. */
    private static final Pattern SCAN_OR_SORT = Pattern.compile("Seq Scan on customer_view|Sort {2}\\(cost");
    private static final CustomerFilter NONE = new CustomerFilter(null, null, null, null, null, null, null, null);

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final CustomerViews views = new CustomerViews(jdbc);

    @BeforeEach
    void fiveThousandCustomers() {
        ProjectionDatabase.reset();
        jdbc.sql("""
                INSERT INTO customer_view (customer_id, display_name, customer_type, registered_at, updated_at, aggregate_version,
                                           status, net_spend_12m, last_purchase_at)
                SELECT 'c' || i, 'Customer ' || i, 'INDIVIDUAL', timestamptz '2024-01-01' + i * interval '1 hour',
                       timestamptz '2026-01-01', 1, CASE WHEN i % 10 = 0 THEN 'CLOSED' ELSE 'ACTIVE' END, (i * 7919 % 2000),
                       CASE WHEN i % 3 = 0 THEN NULL ELSE timestamptz '2025-01-01' + (i * 104729 % 8760) * interval '1 hour' END
                FROM generate_series(1, 5000) i""").update();
        jdbc.sql("ANALYZE customer_view").update();
        jdbc.sql("ANALYZE churn_model_score").update();
    }

    @Test
    void activeCustomersBySpendAboveAMinimumComeFromTheSpendIndex() {
        var benchList = new CustomerFilter(null, null, null, null, null, new BigDecimal("100"), null, "ACTIVE");
        assertThat(plan(benchList, CustomerSort.SPEND, null)).doesNotContainPattern(SCAN_OR_SORT).contains("customer_view_spend_12m");
    }

    @Test
    void theNextPageBySpendComesFromTheSpendIndexToo() {
        var after = new CustomerCursor("1500.0000", "c42");
        assertThat(plan(NONE, CustomerSort.SPEND, after)).doesNotContainPattern(SCAN_OR_SORT).contains("customer_view_spend_12m");
    }

    @Test
    void customersByLastPurchaseComeFromTheLastPurchaseIndex() {
        assertThat(plan(NONE, CustomerSort.LAST_PURCHASE, null)).doesNotContainPattern(SCAN_OR_SORT)
                .contains("customer_view_last_purchase");
    }

    @Test
    void customersByRegistrationComeFromTheRegistrationIndex() {
        assertThat(plan(NONE, CustomerSort.REGISTERED, null)).doesNotContainPattern(SCAN_OR_SORT).contains("customer_view_registered");
    }

    private String plan(CustomerFilter filter, CustomerSort sort, CustomerCursor after) {
        CustomerViews.ListStatement statement = views.listStatement(filter, sort, after, 20);
        return String.join("\n", jdbc.sql("EXPLAIN " + statement.sql()).params(statement.params()).query(String.class).list());
    }
}
