package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GDPR erasure by crypto-shredding, as API clients, auditors and data teams see it: a customer with a full
 * story is erased, and from then on no view, history, export or rebuild shows their personal data, while the
 * figures (amounts, dates, tier) stay and the tamper-evident chain still verifies.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class CustomerErasureStoryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ERASED = "[erased]";
    /** Every personal value of the story: none may be readable anywhere once the customer is erased. */
    private static final List<String> PERSONAL = List.of("Wang Fang", "wang.fang@example.com", "+86 138 0013 8000", "1985-07-21",
            "aisle seat near the galley", "her mother is in hospital", "Rebooking took three calls", "Rebooked with priority",
            "the trip was cancelled for a funeral");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anErasedCustomerReadsAsErasedEverywhereAndTheFiguresStay() {
        Http http = new Http(port);
        Map<String, String> agent = Map.of("X-Actor", "li.na");
        String customer = tellTheStory(http, agent);

        assertThat(jdbc.sql("SELECT string_agg(payload, ' ') FROM domain_event_entry WHERE customer_id = ?").param(customer)
                .query(String.class).single()).as("the event store never holds personal data in plain text")
                .doesNotContain(PERSONAL).contains("pii1:" + customer);
        JsonNode before = http.get("/api/audit/customers/" + customer + "/events", agent).json().get("items");
        assertThat(before.toString()).as("auditors read plain text before erasure, never ciphertext")
                .contains("wang.fang@example.com", "her mother is in hospital", "Rebooking took three calls").doesNotContain("pii1:");
        long beforeErasure = before.get(before.size() - 1).get("position").asLong();

        // the confirmation must name the customer
        var unconfirmed = http.post("/api/customers/" + customer + "/erase", "{}", agent);
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.contentType()).startsWith("application/problem+json");
        assertThat(unconfirmed.json().get("errors").get(0).get("field").asString()).isEqualTo("confirm");
        var mistaken = http.post("/api/customers/" + customer + "/erase", "{\"confirm\": \"someone-else\"}", agent);
        assertThat(mistaken.status()).isEqualTo(400);
        assertThat(mistaken.json().get("errors").get(0).get("field").asString()).isEqualTo("confirm");
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = ? AND key_material IS NOT NULL")
                .param(customer).query(Integer.class).single()).isOne();

        // a writer erases (the data protection officer's account); the timeline names the signed-in user
        var erased = http.as("only-writer", "writer-secret").post("/api/customers/" + customer + "/erase",
                "{\"confirm\": \"" + customer + "\"}", Map.of());
        assertThat(erased.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject_id = ? AND key_material IS NOT NULL")
                .param(customer).query(Integer.class).single()).as("the key is gone with the erasure's commit").isZero();
        assertThat(http.post("/api/customers/" + customer + "/erase", "{\"confirm\": \"" + customer + "\"}", agent).json()
                .get("code").asString()).isEqualTo("customer-erased");
        var afterwards = http.post("/api/customers/" + customer + "/interactions",
                "{\"channel\": \"PHONE\", \"direction\": \"INBOUND\", \"topic\": \"anything\"}", agent);
        assertThat(afterwards.status()).isEqualTo(409);
        assertThat(afterwards.json().get("code").asString()).isEqualTo("customer-erased");

        // customer 360 and timeline, live
        JsonNode view = await().atMost(PATIENCE).until(() -> http.get("/api/customers/" + customer).json(),
                v -> ERASED.equals(v.get("displayName").asString()));
        assertFiguresStayAndPersonalDataIsGone(view);
        assertErasedTimeline(http, customer);

        // audit history, JSON and NDJSON
        String history = http.get("/api/audit/customers/" + customer + "/events", agent).body();
        assertThat(history).doesNotContain(PERSONAL).doesNotContain("pii1:").contains("\"email\":\"[erased]\"", "\"outcome\":\"[erased]\"",
                "\"description\":\"[erased]\"", "\"reason\":\"[erased]\"", "\"dateOfBirth\":null", "\"amount\":3000", "CustomerErased");
        String historyLines = http.get("/api/audit/customers/" + customer + "/events",
                Map.of("X-Actor", "auditor", "Accept", "application/x-ndjson")).body();
        assertThat(historyLines).doesNotContain(PERSONAL).doesNotContain("pii1:").contains(ERASED);

        // time travel to before the erasure: the customer as they were, without what made them a person
        JsonNode asOf = http.get("/api/audit/customers/" + customer + "/as-of?position=" + beforeErasure, agent).json();
        assertThat(asOf.toString()).doesNotContain(PERSONAL).doesNotContain("pii1:");
        assertThat(asOf.get("email").asString()).isEqualTo(ERASED);
        assertThat(asOf.get("purchases").get("netSpend").decimalValue()).isEqualByComparingTo("2000.00");

        // exports: the event log (as rapport-admin reads it) and the read models
        String export = http.get("/api/export/events?from=0", agent).body();
        assertThat(export).doesNotContain(PERSONAL).doesNotContain("pii1:").contains(ERASED, "\"amount\":3000.00");
        String csv = http.get("/api/export/read-models/customer_view.csv", agent).body();
        assertThat(csv).doesNotContain(PERSONAL).contains(ERASED);

        // blue/green rebuilds replay the log: decryption fails for good, nothing comes back
        rebuild(http, "customer-view");
        rebuild(http, "customer-timeline");
        assertFiguresStayAndPersonalDataIsGone(http.get("/api/customers/" + customer).json());
        assertErasedTimeline(http, customer);

        // the chain covers the stored ciphertext, which erasure never touched
        List<String> verification = http.get("/api/audit/verify", agent).body().lines().toList();
        assertThat(verification.get(verification.size() - 1)).contains("\"ok\":true");
    }

    private String tellTheStory(Http http, Map<String, String> agent) {
        String customer = http.post("/api/customers", """
                {"displayName": "Wang Fang", "type": "INDIVIDUAL", "email": "wang.fang@example.com", "phone": "+86 138 0013 8000",
                 "dateOfBirth": "1985-07-21", "region": "Shanghai", "locale": "zh-CN"}""", agent).json().get("customerId").asString();
        assertThat(http.put("/api/customers/" + customer + "/preferences/seat", "{\"value\": \"aisle seat near the galley\"}", agent)
                .status()).isEqualTo(200);
        String membership = http.post("/api/customers/" + customer + "/membership", "", agent).json().get("membershipId").asString();
        assertThat(http.post("/api/customers/" + customer + "/interactions", """
                {"channel": "PHONE", "direction": "INBOUND", "topic": "rebooking",
                 "outcome": "her mother is in hospital, needs flexible dates", "satisfaction": 4}""", agent).status()).isEqualTo(201);
        var sale = http.post("/api/customers/" + customer + "/sales", """
                {"orderId": "PNR-9", "channel": "WEB", "currency": "CNY", "total": 3000.00, "occurredAt": "%s"}"""
                .formatted(Instant.now()), agent);
        assertThat(sale.status()).isEqualTo(201);
        String complaint = http.post("/api/customers/" + customer + "/complaints", """
                {"category": "SERVICE", "severity": "MEDIUM", "channel": "CALL_CENTRE", "description": "Rebooking took three calls."}""",
                agent).json().get("complaintId").asString();
        assertThat(http.post("/api/complaints/" + complaint + "/acknowledge", "{\"acknowledgedBy\": \"li.na\"}", agent).status()).isEqualTo(200);
        assertThat(http.post("/api/complaints/" + complaint + "/resolve", """
                {"resolution": "Rebooked with priority; apology call made.", "resolvedBy": "li.na"}""", agent).status()).isEqualTo(200);
        assertThat(http.post("/api/sales/" + sale.json().get("saleId").asString() + "/refunds", """
                {"refundId": "RF-9", "amount": 1000.00, "currency": "CNY", "reason": "the trip was cancelled for a funeral"}""", agent)
                .status()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> http.get("/api/customers/" + customer).json(), view ->
                "SILVER".equals(view.get("loyalty").get("tier").asString())
                        && view.get("purchases").get("refunded").decimalValue().signum() > 0
                        && view.get("service").get("lastInteractionAt") != null && !view.get("service").get("lastInteractionAt").isNull()
                        && membership.equals(view.get("loyalty").get("membershipId").asString()));
        return customer;
    }

    private static void assertFiguresStayAndPersonalDataIsGone(JsonNode view) {
        assertThat(view.toString()).doesNotContain(PERSONAL).doesNotContain("pii1:");
        assertThat(view.get("displayName").asString()).isEqualTo(ERASED);
        assertThat(view.get("email").asString()).isEqualTo(ERASED);
        assertThat(view.get("phone").asString()).isEqualTo(ERASED);
        assertThat(view.hasNonNull("dateOfBirth")).isFalse();
        assertThat(view.get("relationship").get("preferences").get("seat").asString()).isEqualTo(ERASED);
        assertThat(view.get("region").asString()).isEqualTo("Shanghai");
        assertThat(view.hasNonNull("registeredAt")).isTrue();
        assertThat(view.get("purchases").get("grossSpend").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(view.get("purchases").get("netSpend").decimalValue()).isEqualByComparingTo("2000.00");
        assertThat(view.get("purchases").get("purchaseCount").asInt()).isOne();
        assertThat(view.get("purchases").hasNonNull("lastPurchaseAt")).isTrue();
        assertThat(view.get("loyalty").get("tier").asString()).isEqualTo("SILVER");
        assertThat(view.get("service").get("lastSatisfaction").asInt()).isEqualTo(4);
    }

    private static void assertErasedTimeline(Http http, String customer) {
        String timeline = await().atMost(PATIENCE).until(() -> http.get("/api/customers/" + customer + "/timeline?size=200").body(),
                body -> body.contains("Personal data erased by only-writer"));
        assertThat(timeline).doesNotContain(PERSONAL).doesNotContain("pii1:").contains("Refund RF-9");
    }

    private static void rebuild(Http http, String projection) {
        assertThat(http.post("/api/admin/projections/" + projection + "/rebuild", "", Map.of()).status()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode status = JsonMapper.builder().build().readTree(http.get("/api/admin/projections/" + projection + "/rebuild").body());
            assertThat(status.get("state").asString()).isNotEqualTo("FAILED");
            return "COMPLETED".equals(status.get("state").asString());
        });
    }
}
