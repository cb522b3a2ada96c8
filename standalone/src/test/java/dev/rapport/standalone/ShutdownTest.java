package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node with a live stream open stops at once: the stream ends first, so the web server's graceful shutdown has no
 * endless request to wait for. It used to wait its whole timeout, and a test JVM was killed meanwhile, leaving the
 * embedded PostgreSQL servers of its other contexts running.
 */
class ShutdownTest {

    private static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aNodeWithAnOpenLiveStreamStopsWithoutWaitingForIt() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class)
                .properties("server.port=0", "rapport.embedded-postgres.data-dir=target/test-postgres/shutdown-" + UUID.randomUUID(),
                        "spring.lifecycle.timeout-per-shutdown-phase=" + GRACEFUL_TIMEOUT.toSeconds() + "s")
                .run();
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            Http http = new Http(port);
            var created = http.post("/api/customers", "{\"displayName\": \"Streamed\", \"type\": \"INDIVIDUAL\"}", Map.of());
            String id = created.json().get("customerId").asString();
            assertThat(http.get("/api/customers/" + id + "?after=" + created.header("X-Consistency-Token")).status()).isEqualTo(200);

            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers/" + id + "/stream"))
                            .header("Accept", "text/event-stream")
                            .header("Authorization", Http.basic(Http.TEST_USER, Http.TEST_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            Queue<String> lines = new ConcurrentLinkedQueue<>();
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(line -> line.contains("Streamed")));

            long start = System.nanoTime();
            app.close();
            Duration stopping = Duration.ofNanos(System.nanoTime() - start);

            assertThat(stopping).as("time to stop").isLessThan(GRACEFUL_TIMEOUT.dividedBy(2));
            assertThat(ended).as("the client saw its stream end").succeedsWithin(Duration.ofSeconds(5));
        } finally {
            app.close();
        }
    }
}
