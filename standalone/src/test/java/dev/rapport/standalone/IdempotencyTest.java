package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.rapport.command.idempotency.IdempotencyPurge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Any command sent with an Idempotency-Key runs once, however often and however concurrently it is repeated. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class IdempotencyTest {

    private static final String INTERACTION = "{\"channel\": \"PHONE\", \"direction\": \"INBOUND\", \"topic\": \"delivery question\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;
    String customerId;

    @BeforeEach
    void registerACustomer() {
        http = new Http(port);
        customerId = http.post("/api/customers", "{\"displayName\": \"Amara Okafor\", \"type\": \"INDIVIDUAL\"}", Map.of())
                .json().get("customerId").asString();
    }

    @Test
    void aHundredConcurrentRepeatsStoreOneEventAndGetOneAnswer() throws Exception {
        long before = eventsOfCustomer();
        int repeats = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(repeats);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < repeats; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return http.post("/api/customers/" + customerId + "/interactions", INTERACTION,
                            Map.of("Idempotency-Key", "call-2026-04-12", "X-Actor", "agent-7"));
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                responses.add(answer.get());
            }

            Http.Response first = responses.get(0);
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.header("X-Consistency-Token")).isNotBlank();
            assertThat(responses).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(first.status());
                assertThat(response.body()).isEqualTo(first.body());
                assertThat(response.location()).isEqualTo(first.location());
                assertThat(response.header("X-Consistency-Token")).isEqualTo(first.header("X-Consistency-Token"));
            });
            assertThat(responses).filteredOn(r -> r.header("Idempotent-Replayed") != null).hasSize(repeats - 1);
            assertThat(eventsOfCustomer()).isEqualTo(before + 1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndStoresNothing() {
        var first = http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of("Idempotency-Key", "k-1"));
        assertThat(first.status()).isEqualTo(201);
        long after = eventsOfCustomer();

        var otherBody = http.post("/api/customers/" + customerId + "/interactions", INTERACTION.replace("delivery", "billing"),
                Map.of("Idempotency-Key", "k-1"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(otherBody.json().get("code").asString()).isEqualTo("idempotency-key-reused");
        var otherPath = http.post("/api/customers/" + customerId + "/close", "{\"reason\": \"COMPETITOR\"}", Map.of("Idempotency-Key", "k-1"));
        assertThat(otherPath.status()).isEqualTo(422);
        assertThat(eventsOfCustomer()).isEqualTo(after);
    }

    @Test
    void keysAreScopedPerActorAndRequestsWithoutAKeyAlwaysRun() {
        // two signed-in users (the actor is the principal; X-Actor cannot claim another name)
        var alice = http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of("Idempotency-Key", "same"));
        var bob = http.as("only-writer", "writer-secret").post("/api/customers/" + customerId + "/interactions", INTERACTION,
                Map.of("Idempotency-Key", "same"));
        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.body()).isNotEqualTo(alice.body());

        long before = eventsOfCustomer();
        http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of());
        http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of());
        assertThat(eventsOfCustomer()).isEqualTo(before + 2);
    }

    @Test
    void refusalsAreReplayedTooButConflictsAreNotStored() {
        var refused = http.post("/api/customers/nobody/interactions", INTERACTION, Map.of("Idempotency-Key", "k-404"));
        var again = http.post("/api/customers/nobody/interactions", INTERACTION, Map.of("Idempotency-Key", "k-404"));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        http.post("/api/customers/" + customerId + "/close", "{\"reason\": \"COMPETITOR\"}", Map.of());
        var conflict = http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of("Idempotency-Key", "k-409"));
        assertThat(conflict.status()).isEqualTo(409);
        http.post("/api/customers/" + customerId + "/reactivate", "{}", Map.of());
        var retried = http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of("Idempotency-Key", "k-409"));
        assertThat(retried.status()).isEqualTo(201);
    }

    @Test
    void storedAnswersAreKeptForTheRetentionAndThenPurged() {
        http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of("Idempotency-Key", "old"));
        jdbc.sql("UPDATE idempotent_request SET created_at = created_at - interval '25 hours' WHERE idempotency_key = 'old'").update();
        http.post("/api/customers/" + customerId + "/interactions", INTERACTION, Map.of("Idempotency-Key", "recent"));

        assertThat(purge.purgeExpired()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT idempotency_key FROM idempotent_request").query(String.class).list())
                .contains("recent").doesNotContain("old");
    }

    @Autowired
    IdempotencyPurge purge;

    private long eventsOfCustomer() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE customer_id = ?").param(customerId).query(Long.class).single();
    }
}
