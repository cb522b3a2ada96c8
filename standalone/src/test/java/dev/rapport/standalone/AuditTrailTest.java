package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An auditor reads a customer's whole history, sees the customer as it was at a past moment, and is logged doing it. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class AuditTrailTest {

    @LocalServerPort
    int port;

    @Test
    void anAuditorReadsTheHistoryAndTheStateAsOfAnyMoment() {
        // the actor recorded is who authenticated, whatever X-Actor claims
        Http http = new Http(port).as("only-writer", "writer-secret");
        Http auditing = new Http(port).as("only-auditor", "auditor-secret");
        Map<String, String> clerk = Map.of("X-Actor", "clerk-7", "X-Source-System", "branch-office");
        String id = http.post("/api/customers", "{\"displayName\": \"Zhao Lei\", \"type\": \"INDIVIDUAL\", \"email\": \"old@example.com\"}",
                clerk).json().get("customerId").asString();
        Instant betweenTheTwo = Instant.now();
        http.put("/api/customers/" + id + "/profile",
                "{\"displayName\": \"Zhao Lei\", \"type\": \"INDIVIDUAL\", \"email\": \"new@example.com\"}", clerk);
        var sale = http.post("/api/customers/" + id + "/sales", """
                {"orderId": "A-1", "channel": "STORE", "currency": "CNY", "total": 99.50, "occurredAt": "2026-01-02T03:04:05Z"}""", clerk);
        Map<String, String> auditor = Map.of("X-Actor", "auditor-1");

        JsonNode events = auditing.get("/api/audit/customers/" + id + "/events", auditor).json().get("items");
        assertThat(events.valueStream().map(e -> e.get("type").asString()))
                .containsExactly("CustomerRegistered", "CustomerProfileUpdated", "SaleRecorded");
        JsonNode first = events.get(0);
        assertThat(first.get("actor").asString()).isEqualTo("only-writer");
        assertThat(first.get("source").asString()).isEqualTo("branch-office");
        assertThat(first.get("payload").get("profile").get("email").asString()).isEqualTo("old@example.com");
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(events.get(2).get("aggregateId").asString()).isEqualTo(sale.json().get("saleId").asString());
        assertThat(events.get(1).get("position").asLong()).isGreaterThan(first.get("position").asLong());

        var onlySales = auditing.get("/api/audit/customers/" + id + "/events?types=SaleRecorded", auditor).json().get("items");
        assertThat(onlySales.size()).isEqualTo(1);
        var ndjson = auditing.get("/api/audit/customers/" + id + "/events", Map.of("X-Actor", "auditor-1", "Accept", "application/x-ndjson"));
        assertThat(ndjson.contentType()).startsWith("application/x-ndjson");
        assertThat(ndjson.body().lines().toList()).hasSize(3);

        long firstPosition = first.get("position").asLong();
        var asRegistered = auditing.get("/api/audit/customers/" + id + "/as-of?position=" + firstPosition, auditor).json();
        assertThat(asRegistered.get("email").asString()).isEqualTo("old@example.com");
        var asOfBetween = auditing.get("/api/audit/customers/" + id + "/as-of?at=" + betweenTheTwo, auditor).json();
        assertThat(asOfBetween.get("email").asString()).isEqualTo("old@example.com");
        assertThat(asOfBetween.get("purchases").get("purchaseCount").asInt()).isZero();
        var now = auditing.get("/api/audit/customers/" + id + "/as-of?at=" + Instant.now(), auditor).json();
        assertThat(now.get("email").asString()).isEqualTo("new@example.com");
        assertThat(now.get("purchases").get("netSpend").decimalValue()).isEqualByComparingTo("99.50");
        assertThat(auditing.get("/api/audit/customers/" + id + "/as-of?at=2001-01-01T00:00:00Z", auditor).status()).isEqualTo(404);
        assertThat(auditing.get("/api/audit/customers/" + id + "/as-of", auditor).status()).isEqualTo(400);

        JsonNode log = auditing.get("/api/audit/access-log?customerId=" + id, auditor).json().get("items");
        List<String> actions = log.valueStream().map(entry -> entry.get("action").asString()).toList();
        assertThat(actions).contains("EVENTS", "EVENTS_NDJSON", "AS_OF");
        assertThat(log.valueStream()).allMatch(entry -> entry.get("actor").asString().equals("only-auditor"));
    }
}
