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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A subscriber to a customer's live stream receives the change of a command issued after it subscribed. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class LiveCustomerTest {

    @LocalServerPort
    int port;

    @Test
    void aSubscriberSeesAChangeMadeAfterItSubscribed() throws Exception {
        Http http = new Http(port);
        var created = http.post("/api/customers", "{\"displayName\": \"Live\", \"type\": \"INDIVIDUAL\"}", Map.of());
        String id = created.json().get("customerId").asString();
        assertThat(http.get("/api/customers/" + id + "?after=" + created.header("X-Consistency-Token")).status()).isEqualTo(200);

        Queue<String> lines = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> subscription = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers/" + id + "/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", Http.basic(Http.TEST_USER, Http.TEST_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofLines());
        var response = subscription.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture.runAsync(() -> response.body().forEach(lines::add));

        await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(line -> line.contains("\"displayName\":\"Live\"")));
        assertThat(lines).noneMatch(line -> line.contains("live@example.com"));

        http.put("/api/customers/" + id + "/profile",
                "{\"displayName\": \"Live\", \"type\": \"INDIVIDUAL\", \"email\": \"live@example.com\"}", Map.of());

        await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(line -> line.contains("live@example.com")));
        assertThat(lines).anyMatch(line -> line.equals("event:customer"));
        subscription.cancel(true);
    }

    @Test
    void followingAnUnknownCustomerIs404() {
        assertThat(new Http(port).get("/api/customers/nobody/stream").status()).isEqualTo(404);
    }
}
