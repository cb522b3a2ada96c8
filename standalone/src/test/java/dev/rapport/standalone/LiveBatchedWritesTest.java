package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.query.deadletter.ContainedFailures;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The live customer-view processor sends its writes as JDBC batches at the end of each processor batch. A statement
 * that PostgreSQL refuses only then cannot be pinned on an event: the whole batch must be rolled back, retried event
 * by event in savepoints, and the event at fault parked alone, with none of its writes and all of the others'.
 */
@SpringBootTest(classes = {StandaloneApplication.class, LiveBatchedWritesTest.DividingCustomerView.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class LiveBatchedWritesTest {

    private static final String GROUP = "customer-view";

    /** Part of customer-view, writing through ProjectionWrites: divides by zero for customers named Toxic… while the bug is on. */
    @Component
    @ProcessingGroup(GROUP)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class DividingCustomerView {

        static volatile boolean bug;
        /** Whether each customer's registration found its writes being collected for a flush. */
        static final Map<String, Boolean> batching = new java.util.concurrent.ConcurrentHashMap<>();

        private final ProjectionWrites writes;

        DividingCustomerView(ProjectionWrites writes) {
            this.writes = writes;
        }

        @EventHandler
        void on(CustomerRegistered event) {
            batching.put(event.customerId(), writes.batching());
            if (event.profile().displayName().startsWith("Locked")) {
                writes.write(event.customerId(), "SET LOCAL lock_timeout = '200ms'", Map.of());
            }
            int divisor = bug && event.profile().displayName().startsWith("Toxic") ? 0 : 1;
            writes.write(event.customerId(), "INSERT INTO flush_probe (customer_id) VALUES (:id)", Map.of("id", event.customerId()));
            writes.write(event.customerId(), "UPDATE flush_probe SET share = 100 / :divisor WHERE customer_id = :id",
                    Map.of("id", event.customerId(), "divisor", divisor));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ContainedFailures failures;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    PlatformTransactionManager transactionManager;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        jdbc.sql("CREATE TABLE IF NOT EXISTS flush_probe (customer_id text PRIMARY KEY, share int)").update();
        failures.relax(GROUP);
    }

    @AfterEach
    void fixed() {
        DividingCustomerView.bug = false;
        if (!processor().isRunning()) {
            processor().start();
        }
    }

    @Test
    void aBatchWhoseFlushFailsIsRetriedCarefullyAndParksTheEventAtFaultAlone() {
        DividingCustomerView.bug = true;
        double failedFlushesBefore = counter("rapport.projection.failed-flushes");
        double uncontainedBefore = counter("rapport.projection.uncontained-failures");
        List<Segment> segments = processor().processingStatus().values().stream().map(status -> status.getSegment()).toList();
        assertThat(segments).as("the processor's segments").isNotEmpty();

        // held while the customers register, so the processor meets them in a few large batches, as when catching up
        processor().shutDown();
        String toxic = register("Toxic Tom");
        Segment toxicSegment = segments.stream().filter(segment -> segment.matches(toxic.hashCode())).findFirst().orElseThrow();
        List<String> healthy = new ArrayList<>();
        List<String> besideToxic = new ArrayList<>();
        String tokenOfLast = null;
        while (besideToxic.size() < 3) {
            Http.Response registered = registration("Hal Healthy " + healthy.size());
            String id = registered.json().get("customerId").asString();
            tokenOfLast = registered.header("X-Consistency-Token");
            healthy.add(id);
            if (toxicSegment.matches(id.hashCode())) {
                besideToxic.add(id);
            }
        }
        assertThat(failures.careful(GROUP)).isFalse();
        processor().start();

        JsonNode parked = await(() -> parkedSequence(toxic));
        assertThat(parked.get("letters")).hasSize(1);
        assertThat(parked.get("letters").get(0).get("eventType").asString()).isEqualTo("CustomerRegistered");
        assertThat(parked.get("letters").get(0).get("causeMessage").asString()).contains("division by zero");
        for (JsonNode sequence : http.get("/api/admin/dead-letters/" + GROUP).json().get("sequences")) {
            assertThat(sequence.get("sequenceIdentifier").asString()).as("only the toxic customer is parked").isEqualTo(toxic);
        }
        // read-your-writes: with the token of the last registration every healthy customer is there, written once
        for (String id : healthy) {
            Http.Response view = http.get("/api/customers/" + id + "?after=" + tokenOfLast);
            assertThat(view.status()).as(view.body()).isEqualTo(200);
            assertThat(view.json().get("displayName").asString()).startsWith("Hal Healthy");
            assertThat(probe(id)).as("the healthy customer's batched writes").isEqualTo(100);
        }
        // nothing half-written: neither the probe's first statement nor another handler's row for the parked event
        assertThat(jdbc.sql("SELECT count(*) FROM flush_probe WHERE customer_id = ?").param(toxic).query(Long.class).single()).isZero();
        assertThat(http.get("/api/customers/" + toxic + "?after=" + tokenOfLast).status()).isEqualTo(404);
        // the flush failed once, made the projection careful, and the careful retry contained the failure
        assertThat(counter("rapport.projection.failed-flushes") - failedFlushesBefore).as("failed flushes").isEqualTo(1);
        assertThat(failures.careful(GROUP)).isTrue();
        assertThat(counter("rapport.projection.uncontained-failures") - uncontainedBefore).as("uncontained failures").isZero();

        // fixed and retried: no event was lost
        DividingCustomerView.bug = false;
        Http.Response retried = http.post("/api/admin/dead-letters/" + GROUP + "/retry", "", Map.of());
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("succeeded").asInt()).isEqualTo(1);
        assertThat(http.get("/api/customers/" + toxic).json().get("displayName").asString()).isEqualTo("Toxic Tom");
        assertThat(probe(toxic)).isEqualTo(100);
    }

    @Test
    void whileCarefulTheLiveProcessorWritesStatementByStatementAndBatchesAgainAfterwards() {
        failures.beCareful(GROUP);
        String careful = register("Carla Careful");
        assertThat(http.get("/api/customers/" + careful + "?after=" + lastToken).status()).isEqualTo(200);
        assertThat(probe(careful)).isEqualTo(100);
        assertThat(DividingCustomerView.batching.get(careful)).as("batching while careful").isFalse();

        failures.relax(GROUP);
        String batched = register("Bert Batched");
        assertThat(http.get("/api/customers/" + batched + "?after=" + lastToken).status()).isEqualTo(200);
        assertThat(probe(batched)).isEqualTo(100);
        assertThat(DividingCustomerView.batching.get(batched)).as("batching").isTrue();
    }

    /** A deadlock or lock timeout at the flush is no event's fault: retried batched, nothing parked. */
    @Test
    void aFlushThatMeetsALockTimeoutIsRetriedBatchedAndParksNothing() throws Exception {
        double contendedBefore = counter("rapport.projection.contended-flushes");
        double failedBefore = counter("rapport.projection.failed-flushes");
        String locked = registerWhileAnotherTransactionHoldsItsProbeRow();
        assertThat(counter("rapport.projection.contended-flushes") - contendedBefore).as("contended flushes").isPositive();
        assertThat(counter("rapport.projection.failed-flushes") - failedBefore).as("failed flushes").isZero();
        assertThat(failures.careful(GROUP)).isFalse();
        assertThat(parkedSequence(locked)).isNull();
    }

    /** Carefully, the same contention meets a handler in its savepoint: still retried, never parked. */
    @Test
    void whileCarefulALockTimeoutIsRetriedAndParksNothing() throws Exception {
        failures.beCareful(GROUP);
        double contendedBefore = counter("rapport.projection.contended-failures");
        double uncontainedBefore = counter("rapport.projection.uncontained-failures");
        String locked = registerWhileAnotherTransactionHoldsItsProbeRow();
        assertThat(parkedSequence(locked)).isNull();
        assertThat(counter("rapport.projection.uncontained-failures") - uncontainedBefore).isZero();
        assertThat(counter("rapport.projection.contended-failures") - contendedBefore).as("contended handlers").isPositive();
        assertThat(DividingCustomerView.batching.get(locked)).isFalse();
    }

    /**
     * Registers a customer whose probe row another transaction inserts and holds until the processor has met the lock
     * (a flush or a handler timed out on it); returns once the customer is projected.
     */
    private String registerWhileAnotherTransactionHoldsItsProbeRow() throws InterruptedException {
        processor().shutDown();
        String locked = register("Locked Lou");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO flush_probe (customer_id) VALUES (?)").param(locked).update();
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status.setRollbackOnly();
        }));
        holder.start();
        holding.await();
        double contendedBefore = contended();
        processor().start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> contended() > contendedBefore);
        release.countDown();
        holder.join();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/api/customers/" + locked).status() == 200);
        assertThat(probe(locked)).isEqualTo(100);
        return locked;
    }

    private String lastToken;

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(GROUP, StreamingEventProcessor.class).orElseThrow();
    }

    private String register(String name) {
        Http.Response registered = registration(name);
        lastToken = registered.header("X-Consistency-Token");
        return registered.json().get("customerId").asString();
    }

    private Http.Response registration(String name) {
        Http.Response registered = http.post("/api/customers", "{\"displayName\": \"" + name + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered;
    }

    private Integer probe(String customerId) {
        return jdbc.sql("SELECT share FROM flush_probe WHERE customer_id = ?").param(customerId).query(Integer.class).optional().orElse(null);
    }

    private double contended() {
        return counter("rapport.projection.contended-flushes") + counter("rapport.projection.contended-failures");
    }

    private double counter(String name) {
        return meters.get(name).tag("processingGroup", GROUP).counter().count();
    }

    /** The customer's parked sequence in customer-view, or null. */
    private JsonNode parkedSequence(String customerId) {
        for (JsonNode sequence : http.get("/api/admin/dead-letters/" + GROUP).json().get("sequences")) {
            if (sequence.get("sequenceIdentifier").asString().equals(customerId)) {
                return sequence;
            }
        }
        return null;
    }

    private static JsonNode await(java.util.function.Supplier<JsonNode> read) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(read::get, last -> last != null);
    }
}
