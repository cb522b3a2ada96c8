package dev.rapport.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.common.Money;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * customer_view written in batches (as a rebuild does) holds exactly what it holds written event by event:
 * the story of two customers, interleaved, with redeliveries inside the batch.
 */
class BatchedCustomerProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ProjectionWrites writes = ProjectionDatabase.writes();
    private final CustomerViewProjection customers = new CustomerViewProjection(writes, new SimpleMeterRegistry());
    private final CustomerActivityProjection activity = new CustomerActivityProjection(writes);

    @BeforeEach
    void empty() {
        ProjectionDatabase.reset();
    }

    @Test
    void aBatchedStoryEndsInTheSameRowsAsOneWrittenEventByEvent() {
        story();
        List<String> oneByOne = rows();
        assertThat(oneByOne).anyMatch(row -> row.contains("Renamed c-1"));

        ProjectionDatabase.reset();
        writes.batched(() -> {
            story();
            return null;
        });

        assertThat(rows()).isEqualTo(oneByOne);
    }

    private void story() {
        for (String id : List.of("c-1", "c-2")) {
            customers.on(new CustomerRegistered(id, profile("Customer " + id), T0), 0);
        }
        for (String id : List.of("c-1", "c-2")) {
            customers.on(new CustomerProfileUpdated(id, profile("Renamed " + id), T0.plusSeconds(1)), 1);
            SaleRecorded sale = new SaleRecorded("s-" + id, id, "o-" + id, SalesChannel.WEB, List.of(), Money.of("100.00", "CNY"),
                    T0.plusSeconds(2), T0.plusSeconds(2));
            each(activity::on, sale, sale);
            SaleRefunded refund = new SaleRefunded("s-" + id, id, "r-" + id, Money.of("40", "CNY"), null, T0.plusSeconds(3),
                    Money.of("60", "CNY"));
            each(activity::on, refund, refund);
            customers.on(new ConsentChanged(id, ContactChannel.EMAIL, true, "web", T0.plusSeconds(4)), 2);
            ComplaintFiled filed = new ComplaintFiled("k-" + id, id, ComplaintCategory.SERVICE, Severity.LOW, InteractionChannel.PHONE,
                    "text", T0, T0, T0);
            each(activity::on, filed, filed);
            ComplaintClosed closed = new ComplaintClosed("k-" + id, id, 4, true, T0.plusSeconds(5));
            each(activity::on, closed, closed);
            customers.on(new ConsentChanged(id, ContactChannel.EMAIL, false, "redelivered-old", T0), 2);
        }
    }

    @SafeVarargs
    private static <E> void each(Consumer<E> handler, E... events) {
        for (E event : events) {
            handler.accept(event);
        }
    }

    private List<String> rows() {
        return jdbc.sql("""
                        SELECT t::text FROM (
                            SELECT 'view', v::text FROM customer_view v
                            UNION ALL SELECT 'purchase', p::text FROM customer_purchase p
                            UNION ALL SELECT 'refund', r::text FROM customer_refund r
                            UNION ALL SELECT 'complaint', c::text FROM customer_open_complaint c) t ORDER BY 1""")
                .query(String.class).list();
    }

    private static CustomerProfile profile(String name) {
        return new CustomerProfile(name, CustomerType.INDIVIDUAL, null, null, null, null, null, null, null, null, List.of());
    }
}
