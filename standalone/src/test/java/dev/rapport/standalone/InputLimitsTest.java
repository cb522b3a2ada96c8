package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each input limit through HTTP, refused as problem+json naming the limit or the field at fault. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                // the application context of SecurityMatrixTest
                "spring.application.name=rapport-security", "rapport.limits.subscriptions-per-minute=3"})
class InputLimitsTest {

    private static final int LIMIT = 256 * 1024;

    @LocalServerPort
    int port;

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        Http http = new Http(port);
        String tooLarge = "{\"displayName\": \"" + "x".repeat(LIMIT) + "\", \"type\": \"INDIVIDUAL\"}";

        for (Http.Response response : List.of(http.post("/api/customers", tooLarge, Map.of()), http.postChunked("/api/customers", tooLarge))) {
            assertThat(response.status()).as(response.body()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("limit").asString()).isEqualTo("rapport.limits.max-request-body");
            assertThat(response.json().get("maxBytes").asLong()).isEqualTo(LIMIT);
        }
        assertThat(http.postChunked("/api/customers", "{\"displayName\": \"Small\", \"type\": \"INDIVIDUAL\"}").status()).isEqualTo(201);
    }

    @Test
    void aStringOverItsSizeIs400NamingTheField() {
        Http http = new Http(port);
        var longName = http.post("/api/customers", "{\"displayName\": \"" + "x".repeat(5000) + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().get("errors").get(0).get("field").asString()).isEqualTo("displayName");

        // an id in the path is a string field of the command too
        var longId = http.put("/api/customers/" + "c".repeat(65) + "/account-manager", "{\"accountManagerId\": \"emp-1\"}", Map.of());
        assertThat(longId.status()).as(longId.body()).isEqualTo(400);
        assertThat(longId.json().get("errors").get(0).get("field").asString()).isEqualTo("customerId");
    }

    @Test
    void pageSizesAndFreeTextQueryParametersHaveTheirMaximum() {
        Http http = new Http(port);
        var bigPage = http.get("/api/customers?size=201");
        assertThat(bigPage.status()).isEqualTo(400);
        assertThat(bigPage.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        assertThat(http.get("/api/complaints?size=201").status()).isEqualTo(400);
        assertThat(http.get("/api/audit/access-log?size=1001").status()).isEqualTo(400);

        var longText = http.get("/api/complaints?customerId=" + "c".repeat(65));
        assertThat(longText.status()).isEqualTo(400);
        assertThat(longText.json().get("errors").get(0).get("field").asString()).isEqualTo("customerId");
        var longActor = http.get("/api/audit/access-log?actor=" + "a".repeat(201));
        assertThat(longActor.status()).isEqualTo(400);
        assertThat(longActor.json().get("errors").get(0).get("field").asString()).isEqualTo("actor");
    }

    @Test
    void aUserOpeningTooManyLiveSubscriptionsInAMinuteIs429WithRetryAfter() {
        Http http = new Http(port);
        String id = http.post("/api/customers", "{\"displayName\": \"Live\", \"type\": \"INDIVIDUAL\"}", Map.of()).json()
                .get("customerId").asString();
        Http subscriber = http.as("subscriber", "subscriber-secret");
        org.awaitility.Awaitility.await().until(() -> http.get("/api/customers/" + id).status() == 200);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(subscriber.stream("/api/customers/" + id + "/stream", () -> { }).status());
        }
        assertThat(statuses).containsOnly(200);
        var refused = subscriber.stream("/api/customers/" + id + "/stream", () -> { });
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("limit").asString()).isEqualTo("rapport.limits.subscriptions-per-minute");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 61L);

        // per user: another reader still subscribes
        assertThat(http.stream("/api/customers/" + id + "/stream", () -> { }).status()).isEqualTo(200);
    }
}
