package dev.rapport.query.churn;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rapport.query.churn.model.PurchaseDays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each customer's distinct purchase days (UTC dates) from {@code customer_purchase}, the sales as the customer-view
 * projection recorded them. A day counts when it has a sale, refunded or not: the model counts buying occasions,
 * and a refund does not undo that the customer came back.
 */
@Repository
class PurchaseHistories {

    private final JdbcClient jdbc;

    PurchaseHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every customer with a purchase on or before {@code lastDay}, with their purchase days up to it, by customer id. */
    Map<String, PurchaseDays> upTo(LocalDate lastDay) {
        Map<String, PurchaseDays> customers = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT customer_id, array_agg(DISTINCT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')) AS days
                        FROM customer_purchase WHERE occurred_at < :until
                        GROUP BY customer_id ORDER BY customer_id""")
                .param("until", Timestamp.from(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(rs -> {
                    Array days = rs.getArray("days");
                    // ISO dates: text order is date order, and array_agg(DISTINCT …) returns them sorted
                    customers.put(rs.getString("customer_id"), new PurchaseDays(Arrays.stream((String[]) days.getArray())
                            .sorted().map(LocalDate::parse).toList()));
                });
        return customers;
    }
}
