package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stop the application and start it again on the same data directory: every event is still there,
 * the read model is still served, and the projection carries on from its stored token instead of
 * handling the old events a second time.
 */
class RestartTest {

    private final Path dataDir = Path.of("target/test-postgres/restart-" + UUID.randomUUID());

    @Test
    void aRestartKeepsEventsAndReadModelAndDoesNotReapplyEvents() {
        String first;
        try (var app = start()) {
            Http http = http(app);
            first = http.post("/api/customers", profile("Before Restart"), Map.of()).json().get("customerId").asString();
            http.put("/api/customers/" + first + "/profile", profile("Renamed Before Restart"), Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> displayName(http, first).equals("Renamed Before Restart"));
            assertThat(handledEvents(app)).isEqualTo(2.0);
        }

        try (var app = start()) {
            Http http = http(app);
            assertThat(eventCount(app)).isEqualTo(2);
            assertThat(displayName(http, first)).isEqualTo("Renamed Before Restart");
            awaitTokensAtHead(app);
            assertThat(handledEvents(app)).as("events handled again after restart").isZero();

            String second = http.post("/api/customers", profile("After Restart"), Map.of()).json().get("customerId").asString();
            await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/customers/" + second).status() == 200);
            assertThat(handledEvents(app)).isEqualTo(1.0);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .properties("server.port=0", "rapport.embedded-postgres.data-dir=" + dataDir)
                .run();
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private static String displayName(Http http, String id) {
        var response = http.get("/api/customers/" + id);
        return response.status() == 200 ? response.json().get("displayName").asString() : "";
    }

    private static double handledEvents(ConfigurableApplicationContext app) {
        var counter = app.getBean(MeterRegistry.class).find("rapport.projection.events").tag("projection", "customer-view").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long eventCount(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class).sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** Every segment of the projection's token has reached the last stored event. */
    private static void awaitTokensAtHead(ConfigurableApplicationContext app) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM token_entry
                        WHERE processor_name = 'customer-view' AND owner IS NOT NULL
                          AND (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint = (SELECT max(global_index) FROM domain_event_entry)""")
                .query(Long.class).single() == 4);
    }

    private static String profile(String name) {
        return "{\"displayName\": \"" + name + "\", \"type\": \"INDIVIDUAL\"}";
    }
}
