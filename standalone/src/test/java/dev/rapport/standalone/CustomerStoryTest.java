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
 * One customer's whole story through the HTTP API, every step an event in PostgreSQL: register →
 * interactions → sales → complaint with an SLA breach → resolution with bonus points → tier upgrade →
 * refund → points reversal. The acknowledgement SLA is two seconds here, so the breach is real: the
 * persistent deadline fires on its own.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "rapport.complaints.sla.acknowledge.high=2s",
                "rapport.deadlines.polling-interval=200ms"})
class CustomerStoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomersWholeStoryIsRecordedAsEvents() {
        Http http = new Http(port);
        Map<String, String> agent = Map.of("X-Actor", "li.na", "X-Source-System", "call-centre");

        // register and enrol
        String customer = http.post("/api/customers", """
                {"displayName": "Wang Fang", "type": "INDIVIDUAL", "email": "wang.fang@example.com"}""", agent)
                .json().get("customerId").asString();
        var enrolled = http.post("/api/customers/" + customer + "/membership", "", agent);
        assertThat(enrolled.status()).isEqualTo(201);
        String membership = enrolled.json().get("membershipId").asString();

        // interactions
        assertThat(http.post("/api/customers/" + customer + "/interactions", """
                {"channel": "PHONE", "direction": "OUTBOUND", "topic": "welcome call", "satisfaction": 5}""", agent).status())
                .isEqualTo(201);
        assertThat(http.post("/api/customers/" + customer + "/interactions", """
                {"channel": "WEB", "direction": "INBOUND", "topic": "seat selection"}""", agent).status()).isEqualTo(201);

        // a sale worth 3,000 CNY earns 3,000 qualifying points: over the 2,500 for SILVER
        // (bought after enrolment: purchases from before it earn nothing)
        String boughtAt = Instant.now().toString();
        var sale = http.post("/api/customers/" + customer + "/sales", """
                {"orderId": "PNR-1", "channel": "WEB", "currency": "CNY", "total": 3000.00, "occurredAt": "%s"}"""
                .formatted(boughtAt), agent);
        assertThat(sale.status()).isEqualTo(201);
        String saleId = sale.json().get("saleId").asString();

        JsonNode earned = awaitEvent(membership, "PointsEarned", e -> e.get("source").asString().equals("SALE"));
        assertThat(earned.get("points").asLong()).isEqualTo(3000);
        JsonNode upgraded = awaitEvent(membership, "TierUpgraded", e -> true);
        assertThat(upgraded.get("from").asString()).isEqualTo("BASE");
        assertThat(upgraded.get("to").asString()).isEqualTo("SILVER");

        // a complaint nobody acknowledges within its SLA: breached and escalated by the deadline itself
        var filed = http.post("/api/customers/" + customer + "/complaints", """
                {"category": "SERVICE", "severity": "HIGH", "channel": "CALL_CENTRE", "description": "Rebooking took three calls."}""",
                agent);
        assertThat(filed.status()).isEqualTo(201);
        String complaint = filed.json().get("complaintId").asString();
        JsonNode breached = awaitEvent(complaint, "ComplaintSlaBreached", e -> true);
        assertThat(breached.get("deadline").asString()).isEqualTo("ACKNOWLEDGE");
        JsonNode escalated = awaitEvent(complaint, "ComplaintEscalated", e -> true);
        assertThat(escalated.get("automatic").asBoolean()).isTrue();
        assertThat(escalated.get("level").asInt()).isEqualTo(1);

        // acknowledged late, resolved with 500 bonus points, followed up, closed
        assertThat(http.post("/api/complaints/" + complaint + "/acknowledge", "{\"acknowledgedBy\": \"li.na\"}", agent).status())
                .isEqualTo(200);
        assertThat(http.post("/api/complaints/" + complaint + "/resolve", """
                {"resolution": "Rebooked with priority; apology call made.", "resolvedBy": "li.na",
                 "compensation": {"bonusPoints": 500}}""", agent).status()).isEqualTo(200);
        JsonNode bonus = awaitEvent(membership, "PointsEarned", e -> e.get("source").asString().equals("COMPLAINT_COMPENSATION"));
        assertThat(bonus.get("points").asLong()).isEqualTo(500);
        assertThat(bonus.get("qualifying").asBoolean()).isFalse();
        assertThat(bonus.get("reference").asString()).isEqualTo(complaint);

        assertThat(http.post("/api/customers/" + customer + "/interactions", """
                {"channel": "PHONE", "direction": "OUTBOUND", "topic": "complaint follow-up", "satisfaction": 4,
                 "complaintId": "%s"}""".formatted(complaint), agent).status()).isEqualTo(201);
        awaitEvent(complaint, "ComplaintFollowedUp", e -> true);
        assertThat(http.post("/api/complaints/" + complaint + "/close", "{\"satisfaction\": 4}", agent).status()).isEqualTo(200);

        // a third of the sale refunded: a third of its points taken back
        var refund = http.post("/api/sales/" + saleId + "/refunds", """
                {"refundId": "RF-1", "amount": 1000.00, "currency": "CNY", "reason": "one leg cancelled"}""", agent);
        assertThat(refund.status()).isEqualTo(201);
        JsonNode reversed = awaitEvent(membership, "PointsReversed", e -> true);
        assertThat(reversed.get("points").asLong()).isEqualTo(1000);
        assertThat(reversed.get("balanceAfter").asLong()).isEqualTo(3000 + 500 - 1000);

        assertThat(types(complaint)).containsExactly("ComplaintFiled", "ComplaintSlaBreached", "ComplaintEscalated",
                "ComplaintAcknowledged", "ComplaintResolved", "ComplaintFollowedUp", "ComplaintClosed");
        assertThat(types(saleId)).containsExactly("SaleRecorded", "SaleRefunded");

        // lineage: the points belong to the sale's conversation and person; their cause is the policy's command
        var saleEvent = jdbc.sql("SELECT event_identifier, meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0").param(saleId).query().singleRow();
        JsonNode saleMeta = JSON.readTree((String) saleEvent.get("meta_data"));
        JsonNode pointsMeta = JSON.readTree(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%PointsEarned' ORDER BY sequence_number LIMIT 1").param(membership).query(String.class).single());
        assertThat(saleMeta.get("actor").asString()).isEqualTo(Http.TEST_USER);
        assertThat(saleMeta.get("source").asString()).isEqualTo("call-centre");
        assertThat(pointsMeta.get("causationId").asString()).isNotBlank().isNotEqualTo(saleEvent.get("event_identifier"));
        assertThat(pointsMeta.get("correlationId").asString()).isEqualTo(saleMeta.get("correlationId").asString());
        assertThat(pointsMeta.get("actor").asString()).isEqualTo(Http.TEST_USER);
    }

    private JsonNode awaitEvent(String aggregateId, String type, java.util.function.Predicate<JsonNode> matching) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("""
                                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?
                                ORDER BY sequence_number""")
                        .params(aggregateId, "%." + type).query(String.class).list().stream()
                        .map(JSON::readTree).filter(matching).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private List<String> types(String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }
}
