package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The command API against the real event store: rules, idempotency and refusals as an API client sees them. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class CommandApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;
    String customerId;

    @BeforeEach
    void registerACustomer() {
        http = new Http(port);
        customerId = http.post("/api/customers", "{\"displayName\": \"Chen Jing\", \"type\": \"INDIVIDUAL\"}", Map.of())
                .json().get("customerId").asString();
    }

    @Test
    void theSameSaleSentTwiceIsStoredOnceAndAnsweredTheSame() {
        String sale = """
                {"orderId": "ORD-1", "channel": "WEB", "currency": "CNY", "occurredAt": "2026-01-10T08:00:00Z",
                 "lines": [{"productId": "CD-1", "category": "music", "quantity": 2, "unitPrice": 12.50}]}""";

        var first = http.post("/api/customers/" + customerId + "/sales", sale, Map.of("Idempotency-Key", "key-ord-1"));
        var second = http.post("/api/customers/" + customerId + "/sales", sale, Map.of("Idempotency-Key", "key-ord-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(first.json().get("total").get("amount").decimalValue()).isEqualByComparingTo("25.00");
        String saleId = first.json().get("saleId").asString();
        assertThat(eventsOf(saleId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT meta_data::jsonb ->> 'idempotencyKey' FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(saleId).query(String.class).single()).isEqualTo("key-ord-1");

        var conflicting = http.post("/api/customers/" + customerId + "/sales", sale.replace("\"quantity\": 2", "\"quantity\": 3"), Map.of());
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.json().get("code").asString()).isEqualTo("order-id-conflict");

        var refund = http.post("/api/sales/" + saleId + "/refunds", "{\"refundId\": \"R1\", \"amount\": 20, \"currency\": \"CNY\"}", Map.of());
        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.json().get("remainingRefundable").get("amount").decimalValue()).isEqualByComparingTo("5.00");

        var tooMuch = http.post("/api/sales/" + saleId + "/refunds", "{\"amount\": 5.01, \"currency\": \"CNY\"}", Map.of());
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.contentType()).startsWith("application/problem+json");
        assertThat(tooMuch.json().get("code").asString()).isEqualTo("refund-exceeds-sale");
        assertThat(eventsOf(saleId)).isEqualTo(2);
    }

    @Test
    void aSaleWorthNothingIsRecordedAndHasNothingToRefundWhileANegativeOneIsRefused() {
        var free = http.post("/api/customers/" + customerId + "/sales",
                "{\"orderId\": \"FREE-1\", \"channel\": \"STORE\", \"currency\": \"CNY\", \"total\": 0.00, \"occurredAt\": \"2026-01-01T00:00:00Z\"}", Map.of());
        assertThat(free.status()).as(free.body()).isEqualTo(201);
        assertThat(free.json().get("total").get("amount").decimalValue()).isEqualByComparingTo("0");
        String saleId = free.json().get("saleId").asString();
        assertThat(eventsOf(saleId)).isEqualTo(1);

        var refund = http.post("/api/sales/" + saleId + "/refunds", "{\"amount\": 0.01, \"currency\": \"CNY\"}", Map.of());
        assertThat(refund.status()).isEqualTo(422);
        assertThat(refund.json().get("code").asString()).isEqualTo("refund-exceeds-sale");

        var negative = http.post("/api/customers/" + customerId + "/sales",
                "{\"orderId\": \"NEG-1\", \"channel\": \"STORE\", \"currency\": \"CNY\", \"total\": -0.01, \"occurredAt\": \"2026-01-01T00:00:00Z\"}", Map.of());
        assertThat(negative.status()).as(negative.body()).isEqualTo(400);
        assertThat(negative.contentType()).startsWith("application/problem+json");
        assertThat(negative.json().get("errors").get(0).get("field").asString()).isEqualTo("total");
        assertThat(eventsOf(saleId)).isEqualTo(1);
    }

    @Test
    void interactionsAndSalesForUnknownOrClosedCustomersAreRefused() {
        String interaction = "{\"channel\": \"PHONE\", \"direction\": \"OUTBOUND\", \"topic\": \"welcome call\"}";
        assertThat(http.post("/api/customers/nobody/interactions", interaction, Map.of()).status()).isEqualTo(404);
        assertThat(http.post("/api/customers/" + customerId + "/interactions", interaction, Map.of()).status()).isEqualTo(201);

        var closed = http.post("/api/customers/" + customerId + "/close", "{\"reason\": \"COMPETITOR\"}", Map.of("X-Actor", "emp-4"));
        assertThat(closed.status()).isEqualTo(200);

        var refused = http.post("/api/customers/" + customerId + "/interactions", interaction, Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("customer-closed");
        var sale = http.post("/api/customers/" + customerId + "/sales",
                "{\"orderId\": \"X\", \"channel\": \"STORE\", \"currency\": \"CNY\", \"total\": 9.9, \"occurredAt\": \"2026-01-01T00:00:00Z\"}", Map.of());
        assertThat(sale.status()).isEqualTo(409);

        assertThat(http.post("/api/customers/" + customerId + "/reactivate", "", Map.of()).status()).isEqualTo(200);
        assertThat(http.post("/api/customers/" + customerId + "/interactions", interaction, Map.of()).status()).isEqualTo(201);
    }

    @Test
    void customerRelationshipCommandsAreRecordedWithTheirActor() {
        assertThat(http.put("/api/customers/" + customerId + "/consents/EMAIL", "{\"optedIn\": true, \"source\": \"web-form\"}",
                Map.of()).status()).isEqualTo(200);
        assertThat(http.put("/api/customers/" + customerId + "/preferences/seat", "{\"value\": \"aisle\"}",
                Map.of("X-Actor", "emp-9")).status()).isEqualTo(200);
        assertThat(http.put("/api/customers/" + customerId + "/account-manager", "{\"accountManagerId\": \"emp-1\"}",
                Map.of()).status()).isEqualTo(200);
        assertThat(http.post("/api/customers/" + customerId + "/partnership", "{\"reason\": \"contract\"}", Map.of()).status())
                .isEqualTo(200);
        var selfReferral = http.post("/api/customers/" + customerId + "/referrals", "{\"referredCustomerId\": \"" + customerId + "\"}", Map.of());
        assertThat(selfReferral.status()).isEqualTo(422);
        assertThat(selfReferral.json().get("code").asString()).isEqualTo("self-referral");
        assertThat(http.post("/api/customers/" + customerId + "/referrals", "{\"referredCustomerId\": \"nobody\"}", Map.of()).status())
                .isEqualTo(404);

        var noted = jdbc.sql("""
                        SELECT payload::jsonb ->> 'notedBy' AS noted_by, meta_data::jsonb ->> 'actor' AS actor FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE '%PreferenceNoted'""")
                .param(customerId).query().singleRow();
        assertThat(noted).containsEntry("noted_by", Http.TEST_USER).containsEntry("actor", Http.TEST_USER);
        assertThat(eventsOf(customerId)).isEqualTo(5);
    }

    @Test
    void aRuleViolationIsA422WithAMachineReadableCode() {
        var response = http.delete("/api/customers/" + customerId + "/preferences/nothing-noted");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("code").asString()).isEqualTo("unknown-preference");
    }

    private long eventsOf(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?").param(aggregateId)
                .query(Long.class).single();
    }
}
