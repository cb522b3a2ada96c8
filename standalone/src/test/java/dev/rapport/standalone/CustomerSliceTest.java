package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole slice for real: HTTP command → event in the PostgreSQL event store → projection →
 * HTTP query, on the embedded PostgreSQL, in the standalone application.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class CustomerSliceTest {

    private static final String LI_WEI = """
            {"displayName": "Li Wei", "type": "INDIVIDUAL", "email": "li.wei@example.com", "phone": "+86 138 0013 8000",
             "preferredChannel": "EMAIL", "locale": "zh-CN", "region": "Shanghai", "tags": ["frequent-flyer"]}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void aRegisteredCustomerIsStoredAsAnEventAndServedFromTheReadModel() {
        var created = http.post("/api/customers", LI_WEI, Map.of("X-Actor", "alice", "X-Correlation-Id", "corr-42"));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("customerId").asString();
        assertThat(created.location()).isEqualTo("/api/customers/" + id);

        JsonNode view = awaitCustomer(id, v -> true);
        assertThat(view.get("displayName").asString()).isEqualTo("Li Wei");
        assertThat(view.get("email").asString()).isEqualTo("li.wei@example.com");
        assertThat(view.get("type").asString()).isEqualTo("INDIVIDUAL");
        assertThat(view.get("tags").get(0).asString()).isEqualTo("frequent-flyer");

        var event = jdbc.sql("""
                        SELECT payload_type, payload::jsonb ->> 'customerId' AS customer,
                               payload::jsonb -> 'profile' ->> 'email' AS email,
                               meta_data::jsonb ->> 'actor' AS actor, meta_data::jsonb ->> 'correlationId' AS correlation,
                               meta_data::jsonb ->> 'causationId' AS causation
                        FROM domain_event_entry WHERE aggregate_identifier = ?""")
                .param(id).query().singleRow();
        assertThat(event).containsEntry("payload_type", "dev.rapport.events.customer.CustomerRegistered")
                .containsEntry("customer", id)
                .containsEntry("actor", Http.TEST_USER) // authenticated: X-Actor cannot claim another name
                .containsEntry("correlation", "corr-42");
        assertThat(event.get("causation")).isNotNull();
        assertThat((String) event.get("email")).as("personal data is stored encrypted (docs/privacy.md)")
                .startsWith("pii1:" + id + ":").doesNotContain("li.wei");
    }

    @Test
    void aProfileUpdateReachesTheReadModel() {
        String id = http.post("/api/customers", LI_WEI, Map.of()).json().get("customerId").asString();

        var updated = http.put("/api/customers/" + id + "/profile",
                LI_WEI.replace("li.wei@example.com", "wei.li@example.com"), Map.of());

        assertThat(updated.status()).isEqualTo(200);
        awaitCustomer(id, v -> v.get("email").asString().equals("wei.li@example.com"));
        assertThat(eventTypes(id)).containsExactly("dev.rapport.events.customer.CustomerRegistered",
                "dev.rapport.events.customer.CustomerProfileUpdated");
    }

    @Test
    void updatingAnUnknownCustomerIs404ProblemAndStoresNothing() {
        long before = eventCount();

        var response = http.put("/api/customers/no-such-customer/profile", LI_WEI, Map.of());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("no-such-customer");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void missingAndInvalidFieldsAre400ProblemNamingEachFieldAndStoreNothing() {
        long before = eventCount();

        var response = http.post("/api/customers", """
                {"email": "not-an-email", "locale": "??", "tags": ["", "ok"]}""", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("displayName", "type", "email", "locale", "tags[0]");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anUnknownEnumValueIs400NamingTheField() {
        var response = http.post("/api/customers", LI_WEI.replace("INDIVIDUAL", "ALIEN"), Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
    }

    @Test
    void malformedJsonIs400Problem() {
        var response = http.post("/api/customers", "{\"displayName\": ", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownCustomerIs404Problem() {
        var response = http.get("/api/customers/nobody");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void customersAreListedPageByPageWithAKeysetCursor() {
        for (int i = 0; i < 3; i++) {
            http.post("/api/customers", LI_WEI.replace("Li Wei", "Paged " + i), Map.of());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/customers?size=200").json()
                .get("items").valueStream().filter(c -> c.get("displayName").asString().startsWith("Paged ")).count() == 3);

        var firstTwo = http.get("/api/customers?size=2").json();
        assertThat(firstTwo.get("items").size()).isEqualTo(2);
        String next = firstTwo.get("next").asString();
        var rest = http.get("/api/customers?size=200&cursor=" + next).json();
        assertThat(rest.get("items").valueStream().map(c -> c.get("customerId").asString()))
                .doesNotContain(firstTwo.get("items").get(0).get("customerId").asString(),
                        firstTwo.get("items").get(1).get("customerId").asString());
        assertThat(rest.has("next")).as("no next page after the last").isFalse();

        var tooBig = http.get("/api/customers?size=100000");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        assertThat(http.get("/api/customers?sort=sideways").status()).isEqualTo(400);
        assertThat(http.get("/api/customers?cursor=not_a_cursor").status()).isEqualTo(400);
    }

    @Test
    void theApiIsDescribedByOpenApiAndHealthIsUp() {
        var docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/customers", "/api/customers/{customerId}", "/api/customers/{customerId}/profile");
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);

        var health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void axonsUpdateCheckerIsOff(@Autowired org.springframework.context.ApplicationContext context) {
        assertThat(System.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
        assertThat(context.getBeanNamesForType(org.axonframework.updates.UpdateChecker.class)).isEmpty();
    }

    private JsonNode awaitCustomer(String id, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    var response = http.get("/api/customers/" + id);
                    return response.status() == 200 ? response.json() : null;
                }, view -> view != null && condition.test(view));
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list();
    }

    private long eventCount() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }
}
