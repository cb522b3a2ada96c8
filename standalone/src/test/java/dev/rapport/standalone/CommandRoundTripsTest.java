package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * How many times one command goes to PostgreSQL and back, counted under the connection pool on the request's
 * thread (a statement, a batch, a commit each count once; the pool's connection checks are left out, they come
 * only after a connection sat idle). Each figure is the whole budget of that command: a new round trip on the
 * append path fails here until it is justified and the budget raised (docs/performance.md, "Append path,
 * round 2").
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
@Import(CommandRoundTripsTest.Counting.class)
class CommandRoundTripsTest {

    private static final RoundTrips ROUND_TRIPS = new RoundTrips();

    @TestConfiguration
    static class Counting {
        @Bean
        static BeanPostProcessor countRoundTripsUnderThePool() {
            return ROUND_TRIPS.underThePool();
        }
    }

    @LocalServerPort
    int port;

    Http http;
    String customerId;

    @BeforeEach
    void registerACustomer() {
        http = new Http(port);
        customerId = http.post("/api/customers", "{\"displayName\": \"Chen Jing\", \"type\": \"INDIVIDUAL\"}", Map.of())
                .json().get("customerId").asString();
    }

    @Test
    void aNewSale() {
        // the active-customer check, the insert, the commit, the consistency token; nothing is read before the insert
        List<String> trips = roundTripsOf("/api/customers/" + customerId + "/sales", sale("ORD-1", 2), 201);
        assertThat(trips).as(String.join("\n", trips)).hasSize(4);
        assertThat(trips.get(1)).startsWith("BATCH INSERT INTO domain_event_entry");
    }

    @Test
    void aRepeatedSale() {
        http.post("/api/customers/" + customerId + "/sales", sale("ORD-1", 2), Map.of());
        List<String> trips = roundTripsOf("/api/customers/" + customerId + "/sales", sale("ORD-1", 2), 201);
        // the insert refused by the unique key and rolled back once (Axon's unit-of-work connection wrapper, gone since,
        // sent a second ROLLBACK), then RepeatSale: check, read, commit (nothing appended), token
        assertThat(trips).as(String.join("\n", trips)).hasSize(7);
        assertThat(trips.stream().filter(trip -> trip.equals("ROLLBACK"))).hasSize(1);
        assertThat(trips.stream().filter(trip -> trip.startsWith("BATCH INSERT"))).hasSize(1);
    }

    @Test
    void anInteraction() {
        List<String> trips = roundTripsOf("/api/customers/" + customerId + "/interactions", """
                {"channel": "PHONE", "direction": "INBOUND", "topic": "where is my parcel"}""", 201);
        assertThat(trips).as(String.join("\n", trips)).hasSize(4);
    }

    private List<String> roundTripsOf(String path, String body, int expectedStatus) {
        http.post(path, body.replace("ORD-1", "WARM-UP"), Map.of()); // pools, caches
        ROUND_TRIPS.clear();
        var answer = http.post(path, body, Map.of());
        assertThat(answer.status()).as(answer.body()).isEqualTo(expectedStatus);
        List<String> trips = ROUND_TRIPS.sentBy(RoundTrips::requestThread).stream().filter(trip -> !trip.equals("ISVALID")).toList();
        System.out.println("ROUNDTRIPS " + path.replace(customerId, "{id}") + " " + trips.size() + "\n  " + String.join("\n  ", trips));
        return trips;
    }

    private static String sale(String orderId, int quantity) {
        return """
                {"orderId": "%s", "channel": "WEB", "currency": "CNY", "occurredAt": "2026-01-10T08:00:00Z",
                 "lines": [{"productId": "CD-1", "category": "music", "quantity": %d, "unitPrice": 12.50}]}""".formatted(orderId, quantity);
    }
}
