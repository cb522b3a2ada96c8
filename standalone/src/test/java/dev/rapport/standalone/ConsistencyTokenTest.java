package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.rapport.query.CustomerSequencing;
import dev.rapport.query.consistency.ProjectionPositions;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Read-your-writes: a query that sends back a command's consistency token always sees that command's effect. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "rapport.consistency.timeout=1s"})
class ConsistencyTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    @Autowired
    ProjectionPositions positions;

    @Test
    void everyWriteIsVisibleToAReadThatPassesItsToken() throws Exception {
        Http http = new Http(port);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 10; i++) {
            var created = http.post("/api/customers", "{\"displayName\": \"Reader " + i + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
            String token = created.header("X-Consistency-Token");
            assertThat(token).as("command answers carry a consistency token").matches("\\d+");
            String id = created.json().get("customerId").asString();

            var read = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers/" + id))
                    .header("X-Consistency-Token", token)
                    .header("Authorization", Http.basic(Http.TEST_USER, Http.TEST_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("read %d", i).isEqualTo(200);

            var updated = http.put("/api/customers/" + id + "/profile",
                    "{\"displayName\": \"Reader " + i + "\", \"type\": \"INDIVIDUAL\", \"email\": \"r" + i + "@example.com\"}", Map.of());
            var reread = http.get("/api/customers/" + id + "?after=" + updated.header("X-Consistency-Token"));
            assertThat(reread.json().get("email").asString()).isEqualTo("r" + i + "@example.com");
        }
    }

    @Test
    void aPositionTheProjectionCannotReachInTimeIs503WithRetryAfter() {
        var response = new Http(port).get("/api/customers/anyone?after=999999999");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMalformedTokenIs400() {
        assertThat(new Http(port).get("/api/customers/anyone?after=yesterday").status()).isEqualTo(400);
    }

    /**
     * The gate waits only for the segment that handles the token's event, so it must find the same sequence (customer)
     * the processors give that event, for every kind of event, also those whose aggregate is not the customer.
     */
    @Test
    void theGateFindsEveryStoredEventsSequenceAsTheProcessorsDo() throws Exception {
        tellAStoryOfEveryAggregate(new Http(port));
        Set<String> kinds = new TreeSet<>();
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(null)) {
            while (events.hasNextAvailable(2, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = events.nextAvailable();
                long position = event.trackingToken().position().orElseThrow();
                assertThat(positions.sequenceAt(position)).as("sequence of the %s at %d", event.getPayloadType().getSimpleName(), position)
                        .contains(CustomerSequencing.INSTANCE.getSequenceIdentifierFor(event));
                kinds.add(event.getPayloadType().getSimpleName());
            }
        }
        assertThat(kinds).contains("CustomerRegistered", "MemberEnrolled", "InteractionLogged", "SaleRecorded", "SaleRefunded",
                "ComplaintFiled", "ComplaintAcknowledged");
        assertThat(positions.sequenceAt(999_999_999)).isEmpty();
    }

    @Test
    void theGateTimesTheReadsItHeldByOutcomeAndNoOtherReads() {
        Http http = new Http(port);
        double visible = gateWaits(http, "visible");
        double timedOut = gateWaits(http, "timed-out");
        var created = http.post("/api/customers", "{\"displayName\": \"Timed\", \"type\": \"INDIVIDUAL\"}", Map.of());
        String id = created.json().get("customerId").asString();

        assertThat(http.get("/api/customers/" + id + "?after=" + created.header("X-Consistency-Token")).status()).isEqualTo(200);
        assertThat(http.get("/api/customers/" + id).status()).isEqualTo(200);
        assertThat(http.get("/api/customers/anyone?after=999999999").status()).isEqualTo(503);

        assertThat(gateWaits(http, "visible")).isEqualTo(visible + 1);
        assertThat(gateWaits(http, "timed-out")).isEqualTo(timedOut + 1);
    }

    private static double gateWaits(Http http, String outcome) {
        Http.Response metric = http.get("/actuator/metrics/rapport.consistency.wait?tag=outcome:" + outcome);
        assertThat(metric.status()).isEqualTo(200);
        for (JsonNode measurement : metric.json().path("measurements")) {
            if (measurement.path("statistic").asString().equals("COUNT")) {
                return measurement.path("value").asDouble();
            }
        }
        throw new AssertionError("no COUNT in " + metric.body());
    }

    /** A customer with a membership, an interaction, a sale and its refund, and a complaint: events of every aggregate. */
    private static void tellAStoryOfEveryAggregate(Http http) {
        Map<String, String> none = Map.of();
        String customer = http.post("/api/customers", "{\"displayName\": \"Every Aggregate\", \"type\": \"INDIVIDUAL\"}", none)
                .json().get("customerId").asString();
        assertThat(http.post("/api/customers/" + customer + "/membership", "", none).status()).isEqualTo(201);
        assertThat(http.post("/api/customers/" + customer + "/interactions", """
                {"channel": "PHONE", "direction": "INBOUND", "topic": "rebooking", "outcome": "done", "satisfaction": 4}""", none)
                .status()).isEqualTo(201);
        var sale = http.post("/api/customers/" + customer + "/sales", """
                {"orderId": "GATE-1", "channel": "WEB", "currency": "CNY", "total": 300.00, "occurredAt": "%s"}"""
                .formatted(Instant.now()), none);
        assertThat(sale.status()).isEqualTo(201);
        assertThat(http.post("/api/sales/" + sale.json().get("saleId").asString() + "/refunds", """
                {"refundId": "RF-1", "amount": 100.00, "currency": "CNY", "reason": "one item returned"}""", none).status()).isEqualTo(201);
        String complaint = http.post("/api/customers/" + customer + "/complaints", """
                {"category": "SERVICE", "severity": "MEDIUM", "channel": "CALL_CENTRE", "description": "Three calls."}""", none)
                .json().get("complaintId").asString();
        assertThat(http.post("/api/complaints/" + complaint + "/acknowledge", "{\"acknowledgedBy\": \"li.na\"}", none).status())
                .isEqualTo(200);
    }
}
