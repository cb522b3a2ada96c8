package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rapport.platform.streaming.StoredCustomers;
import dev.rapport.query.CustomerSequencing;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The projections' processors pick an event's segment by the customer its row names, read with the event, instead of
 * deserializing and decrypting the payload. Every event of a customer, whichever aggregate recorded it (the customer, a
 * sale, the membership, a complaint, an interaction), must get the customer as its sequence, or two of them could go
 * to different segments and overtake each other.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class SequencingByStoredCustomerTest {

    @LocalServerPort
    int port;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyEventOfACustomerIsSequencedByTheCustomerWithoutItsPayload() {
        Http http = new Http(port);
        Set<String> customers = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            customers.add(tellAStory(http, i));
        }

        Map<String, Set<Object>> sequencesByCustomer = new HashMap<>();
        Map<String, Set<String>> aggregatesByCustomer = new HashMap<>();
        List<? extends TrackedEventMessage<?>> log = storage.readEvents(null, false).toList();
        for (TrackedEventMessage<?> event : log) {
            // what a processor's coordinator asks, before anything has deserialized the payload
            Object sequence = CustomerSequencing.INSTANCE.getSequenceIdentifierFor(event);
            assertThat(StoredCustomers.customerOf(event)).as("the customer read from the row").isPresent();
            // re-tokened as a work package does for its batch: the dead-letter queue asks again
            Object inBatch = CustomerSequencing.INSTANCE.getSequenceIdentifierFor(event.withTrackingToken(event.trackingToken()));
            String customer = CustomerSequencing.customerOf(event.getPayload()).orElseThrow();
            assertThat(sequence).as(event.getPayloadType().getSimpleName() + " of " + customer).isEqualTo(customer);
            assertThat(inBatch).isEqualTo(customer);
            sequencesByCustomer.computeIfAbsent(customer, c -> new HashSet<>()).add(sequence);
            aggregatesByCustomer.computeIfAbsent(customer, c -> new HashSet<>()).add(((DomainEventMessage<?>) event).getAggregateIdentifier());
        }
        assertThat(sequencesByCustomer.keySet()).containsAll(customers);
        for (String customer : customers) {
            assertThat(sequencesByCustomer.get(customer)).as("sequences of " + customer).containsExactly(customer);
            // the customer, two sales, the membership, a complaint and an interaction
            assertThat(aggregatesByCustomer.get(customer)).as("aggregates of " + customer).hasSize(6);
        }
    }

    /** A customer's events across every kind of aggregate; waits for the loyalty policy's points. */
    private String tellAStory(Http http, int i) {
        String customer = created(http.post("/api/customers", """
                {"displayName": "Seq Uence %d", "type": "INDIVIDUAL", "email": "seq%d@example.com"}""".formatted(i, i), Map.of()))
                .get("customerId").asString();
        String membership = created(http.post("/api/customers/" + customer + "/membership", "", Map.of())).get("membershipId").asString();
        String sale = null;
        for (String order : List.of("A", "B")) {
            sale = created(http.post("/api/customers/" + customer + "/sales", """
                    {"orderId": "%s", "channel": "WEB", "currency": "CNY", "total": 120.00, "occurredAt": "%s"}"""
                    .formatted(order, Instant.now()), Map.of())).get("saleId").asString();
        }
        created(http.post("/api/sales/" + sale + "/refunds", """
                {"refundId": "RF-%d", "amount": 20.00, "currency": "CNY", "reason": "late"}""".formatted(i), Map.of()));
        created(http.post("/api/customers/" + customer + "/interactions", """
                {"channel": "PHONE", "direction": "OUTBOUND", "topic": "welcome call", "satisfaction": 5}""", Map.of()));
        String complaint = created(http.post("/api/customers/" + customer + "/complaints", """
                {"category": "SERVICE", "severity": "LOW", "channel": "CALL_CENTRE", "description": "Slow answer."}""", Map.of()))
                .get("complaintId").asString();
        assertThat(http.post("/api/complaints/" + complaint + "/acknowledge", "{\"acknowledgedBy\": \"li.na\"}", Map.of()).status())
                .isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.PointsReversed'")
                .param(membership).query(Long.class).single() == 1);
        return customer;
    }

    private static tools.jackson.databind.JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
