package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ProjectionPositions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes on one database share each projection's four segments (token_entry.owner names both); when
 * one stops while commands keep coming, the other claims every segment within a bound, and the read model
 * ends complete: one row per registered customer, each customer's purchases counted once.
 */
class TwoQueryNodesTest {

    /** Release on stop, then the survivor's coordinator claims on its next cycle (5 s). */
    private static final Duration TAKEOVER = Duration.ofSeconds(30);

    @Test
    void twoNodesShareTheSegmentsAndTheSurvivorTakesThemAllOver() throws Exception {
        try (ExternalPostgres postgres = ExternalPostgres.start("two-nodes");
             var nodeA = start(postgres, "node-a")) {
            JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
            Http http = new Http(((WebServerApplicationContext) nodeA).getWebServer().getPort());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger customers = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            List<Future<?>> load = new ArrayList<>();
            try {
                var nodeB = start(postgres, "node-b");
                try {
                    for (int client = 0; client < 2; client++) {
                        load.add(clients.submit(() -> {
                            while (!stop.get()) {
                                aCustomerBuysTwice(http, customers.incrementAndGet());
                            }
                        }));
                    }
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        for (String projection : Projections.NAMES) {
                            assertThat(owners(jdbc, projection)).as("owners of " + projection + "'s segments")
                                    .containsExactlyInAnyOrder("node-a", "node-a", "node-b", "node-b");
                        }
                    });
                } finally {
                    nodeB.close();
                }
                long stopped = System.nanoTime();
                await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    for (String projection : Projections.NAMES) {
                        assertThat(owners(jdbc, projection)).as("owners of " + projection + "'s segments")
                                .containsExactly("node-a", "node-a", "node-a", "node-a");
                    }
                });
                System.out.println("node-a owned every segment " + Duration.ofNanos(System.nanoTime() - stopped).toMillis()
                        + " ms after node-b stopped");
                int before = customers.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> customers.get() > before + 10);
            } finally {
                stop.set(true);
                for (Future<?> client : load) {
                    client.get();
                }
                clients.shutdown();
            }

            ProjectionPositions positions = nodeA.getBean(ProjectionPositions.class);
            long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Projections.NAMES.stream()
                    .allMatch(projection -> positions.hasProcessed(projection, head, Optional.empty())));
            assertThat(jdbc.sql("SELECT count(*) FROM customer_view").query(Long.class).single())
                    .isEqualTo(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'dev.rapport.events.customer.CustomerRegistered'")
                            .query(Long.class).single());
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM customer_view v
                            FULL JOIN (SELECT payload::jsonb ->> 'customerId' AS customer_id, count(*) AS sales FROM domain_event_entry
                                       WHERE payload_type = 'dev.rapport.events.sales.SaleRecorded' GROUP BY 1) s USING (customer_id)
                            WHERE coalesce(v.purchase_count, -1) <> coalesce(s.sales, 0)""").query(Long.class).single())
                    .as("customers whose purchase count differs from their SaleRecorded events").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM customer_timeline").query(Long.class).single())
                    .as("a timeline entry per customer event").isEqualTo(jdbc.sql("""
                            SELECT count(*) FROM domain_event_entry WHERE payload_type IN ('dev.rapport.events.customer.CustomerRegistered',
                                'dev.rapport.events.sales.SaleRecorded')""").query(Long.class).single());
        }
    }

    private static void aCustomerBuysTwice(Http http, int number) {
        Http.Response registered = http.post("/api/customers", "{\"displayName\": \"Node customer " + number + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
        assertThat(registered.status()).isEqualTo(201);
        String customer = registered.json().get("customerId").asString();
        for (int order = 1; order <= 2; order++) {
            assertThat(http.post("/api/customers/" + customer + "/sales", """
                    {"orderId": "ORD-%d", "channel": "WEB", "currency": "CNY", "occurredAt": "2026-01-10T08:00:00Z",
                     "lines": [{"productId": "CD-1", "category": "music", "quantity": 1, "unitPrice": 12.50}]}""".formatted(order),
                    Map.of()).status()).isEqualTo(201);
        }
    }

    private static List<String> owners(JdbcClient jdbc, String projection) {
        return jdbc.sql("SELECT coalesce(owner, '-') FROM token_entry WHERE processor_name = ? ORDER BY segment")
                .param(projection).query(String.class).list();
    }

    private static ConfigurableApplicationContext start(ExternalPostgres postgres, String node) {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .run("--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
                        "--server.port=0", "--spring.application.name=rapport-" + node, "--rapport.event-store.node-id=" + node,
                        "--rapport.projections.balance-interval=1s");
    }
}
