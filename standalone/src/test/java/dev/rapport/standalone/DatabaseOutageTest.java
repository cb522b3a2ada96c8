package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stopped for ten seconds while clients keep registering customers over HTTP: every command
 * in the outage is refused at once with 503 problem+json and Retry-After (not a 500, not a 30-second
 * hang), health says DOWN; once the database is back, the application recovers on its own: health UP,
 * commands accepted, projections resumed. Every acknowledged command's event is in the log, no refused
 * one's is, and the read model holds exactly the logged customers.
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Hikari's connection timeout (2 s) plus generous headroom for a loaded machine. */
    private static final Duration FAST = Duration.ofSeconds(6);

    private record Attempt(int status, long millis, String contentType, String retryAfter, String body) {
    }

    @Test
    void anOutageIsAFastRetryable503AndNoAcknowledgedCommandIsLost() throws Exception {
        try (ExternalPostgres postgres = ExternalPostgres.start("outage");
             var app = new SpringApplicationBuilder(StandaloneApplication.class)
                     .run("--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
                             "--server.port=0", "--spring.application.name=rapport-outage")) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<Attempt> refused = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(3);
            List<Future<?>> load = new ArrayList<>();
            for (int client = 0; client < 3; client++) {
                load.add(clients.submit(() -> {
                    while (!stop.get()) {
                        register(http, "Outage customer " + sent.incrementAndGet(), acknowledged, refused);
                    }
                }));
            }
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 30);

                postgres.stop();
                long down = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).until(() -> refused.stream().anyMatch(a -> a.status() == 503));
                Http.Response health = http.get("/actuator/health");
                assertThat(health.status()).as("health during the outage: " + health.body()).isEqualTo(503);
                assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
                int acknowledgedWhileDown = acknowledged.size();
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - down).toMillis()));
                assertThat(acknowledged).as("nothing acknowledged while the database was down").hasSize(acknowledgedWhileDown);
                postgres.start();

                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedWhileDown + 30);
                await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health").status() == 200);
            } finally {
                stop.set(true);
                for (Future<?> client : load) {
                    client.get();
                }
                clients.shutdown();
            }

            List<Attempt> refusals = new ArrayList<>(refused);
            System.out.println("Outage: " + acknowledged.size() + " acknowledged, " + refusals.size() + " refused, slowest refusal "
                    + refusals.stream().mapToLong(Attempt::millis).max().orElse(0) + " ms");
            assertThat(refusals).as("commands refused during the outage").isNotEmpty();
            assertThat(refusals).allSatisfy(attempt -> {
                assertThat(attempt.status()).as(attempt.toString()).isEqualTo(503);
                assertThat(attempt.contentType()).isEqualTo("application/problem+json");
                assertThat(attempt.retryAfter()).isNotBlank();
                assertThat(attempt.body()).contains("database-unavailable");
                assertThat(attempt.millis()).as("answered fast").isLessThan(FAST.toMillis());
            });

            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Set<String> logged = new HashSet<>(jdbc.sql("""
                            SELECT payload::jsonb ->> 'customerId' FROM domain_event_entry
                            WHERE payload_type = 'dev.rapport.events.customer.CustomerRegistered'""")
                    .query(String.class).list());
            assertThat(logged).as("every acknowledged registration is in the log, and no refused one").isEqualTo(acknowledged);

            ProjectionPositions positions = app.getBean(ProjectionPositions.class);
            long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> Projections.NAMES.stream()
                    .allMatch(projection -> positions.hasProcessed(projection, head, Optional.empty())));
            assertThat(new HashSet<>(jdbc.sql("SELECT customer_id FROM customer_view").query(String.class).list()))
                    .as("the read model holds exactly the logged customers").isEqualTo(logged);
        }
    }

    private static void register(Http http, String name, Set<String> acknowledged, ConcurrentLinkedQueue<Attempt> refused) {
        long start = System.nanoTime();
        try {
            Http.Response response = http.post("/api/customers", """
                    {"displayName":"%s","type":"INDIVIDUAL","email":"outage@example.com"}""".formatted(name), Map.of());
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            if (response.status() == 201) {
                acknowledged.add(response.json().get("customerId").asString());
            } else {
                refused.add(new Attempt(response.status(), millis, response.contentType(), response.header("Retry-After"), response.body()));
            }
        } catch (UncheckedIOException e) {
            refused.add(new Attempt(-1, Duration.ofNanos(System.nanoTime() - start).toMillis(), "", null, e.toString()));
        }
    }
}
