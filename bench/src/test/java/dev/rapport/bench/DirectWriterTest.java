package dev.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The direct writer's story is one the application itself could have written: the hash chain verifies, every
 * projection reaches the head and holds what was written, personal data is stored encrypted and read back, and the
 * aggregates load from the written events and take the next command (a wrong sequence number, balance, refundable
 * amount or complaint step would make those commands fail).
 */
@SpringBootTest(classes = BenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}", "spring.profiles.active=bench",
        "rapport.security.users.bench.password={noop}bench-secret", "rapport.security.users.bench.roles=writer,reader,auditor,data-team",
        "rapport.churn.evaluation-initial-delay=PT24H", "rapport.segments.initial-delay=PT24H"})
class DirectWriterTest {

    private static final List<Cdnow.Purchase> CDNOW = List.of(
            new Cdnow.Purchase(1, "cdnow-00001", LocalDate.of(1997, 1, 1), new BigDecimal("11.77")),
            new Cdnow.Purchase(2, "cdnow-00002", LocalDate.of(1997, 1, 12), new BigDecimal("12.00")),
            new Cdnow.Purchase(3, "cdnow-00002", LocalDate.of(1997, 1, 12), new BigDecimal("77.00")),
            new Cdnow.Purchase(4, "cdnow-00003", LocalDate.of(1997, 1, 2), new BigDecimal("0.00")));

    @Autowired
    ApplicationContext app;
    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int port;

    @Test
    void writesAStoryTheApplicationVerifiesProjectsAndContinues() throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        Api api = new Api(port, "bench", "bench-secret");
        DirectWriter writer = new DirectWriter(app, 7, CDNOW);
        Processors processors = new Processors(app);

        processors.pausedDuring(() -> writer.write(3_000));
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        processors.awaitHead(() -> head);

        assertThat(writer.written()).isBetween(3_000L, 3_010L);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isEqualTo(writer.written());
        String verified = api.send(api.get("/api/audit/verify", null)).body().strip();
        JsonNode result = Api.JSON.readTree(verified.substring(verified.lastIndexOf('\n') + 1));
        assertThat(result.get("ok").asBoolean()).as(verified).isTrue();
        assertThat(result.get("checked").asLong()).isEqualTo(writer.written());

        // the projections hold what was written: every customer (the 3 CDNOW ones too), member, complaint filed
        assertThat(count(jdbc, "SELECT count(*) FROM customer_view")).isEqualTo(writer.customers.size() + 3);
        assertThat(count(jdbc, "SELECT count(*) FROM membership_view"))
                .isEqualTo(writer.customers.stream().filter(c -> c.membershipId != null).count());
        assertThat(count(jdbc, "SELECT count(*) FROM complaint_view"))
                .isEqualTo(count(jdbc, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ComplaintFiled'"));
        // no policy added anything after the write (they were moved past it)
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> count(jdbc, "SELECT count(*) FROM domain_event_entry"), stored -> stored == writer.written());

        // personal data: encrypted in the store, readable through the API
        Customer first = writer.customers.get(0);
        assertThat(count(jdbc, "SELECT count(*) FROM domain_event_entry WHERE payload LIKE '%Customer 000000%'")).isZero();
        assertThat(api.call(api.get("/api/customers/" + first.id, null)).get("displayName").asString()).isEqualTo("Customer 000000");

        // the aggregates take the next command from the state the writer left them in
        Customer member = writer.customers.stream().filter(c -> c.membershipId != null).findFirst().orElseThrow();
        assertThat(api.call(api.get("/api/memberships/" + member.membershipId, null)).get("pointsBalance").asLong()).isEqualTo(member.points);
        assertThat(post(api, "/api/memberships/" + member.membershipId + "/redemptions",
                "{\"points\": %d, \"reference\": \"too-much\"}".formatted(member.points + 1))).isEqualTo(422);
        assertThat(post(api, "/api/memberships/" + member.membershipId + "/redemptions",
                "{\"points\": %d, \"reference\": \"all\"}".formatted(member.points))).isBetween(200, 299);

        // each refund's remaining amount is the sale's total less every refund so far (the aggregate trusts what is stored)
        Map<String, BigDecimal> remaining = new HashMap<>();
        jdbc.sql("SELECT payload_type, payload FROM domain_event_entry WHERE payload_type LIKE '%SaleRecorded' "
                + "OR payload_type LIKE '%SaleRefunded' ORDER BY global_index").query((rs, row) -> {
            JsonNode event = Api.JSON.readTree(rs.getString("payload"));
            String saleId = event.get("saleId").asString();
            if (rs.getString("payload_type").endsWith("SaleRecorded")) {
                remaining.put(saleId, event.get("total").get("amount").decimalValue());
            } else {
                BigDecimal left = remaining.get(saleId).subtract(event.get("amount").get("amount").decimalValue());
                assertThat(event.get("remainingRefundable").get("amount").decimalValue()).as(saleId).isEqualByComparingTo(left);
                remaining.put(saleId, left);
            }
            return row;
        }).list();

        Customer buyer = writer.customers.stream().filter(c -> c.sales.stream().anyMatch(s -> s.sequence > 0)).findFirst().orElseThrow();
        Customer.Sale refunded = buyer.sales.stream().filter(s -> s.sequence > 0).findFirst().orElseThrow();
        assertThat(post(api, "/api/sales/" + refunded.saleId + "/refunds", refund(refunded.refundable.add(new BigDecimal("0.01"))))).isEqualTo(422);
        if (refunded.refundable.signum() > 0) {
            assertThat(post(api, "/api/sales/" + refunded.saleId + "/refunds", refund(refunded.refundable))).isBetween(200, 299);
        }

        Customer complaining = writer.customers.stream().filter(c -> c.complaintStep == 2).findFirst().orElseThrow();
        assertThat(post(api, "/api/complaints/" + complaining.complaintId + "/resolve",
                "{\"resolution\": \"Done.\", \"resolvedBy\": \"agent-2\"}")).isBetween(200, 299);
        // complaintStep is the next step: 1 = filed, 3 = assigned (acknowledged before)
        Customer filed = writer.customers.stream().filter(c -> c.complaintStep == 1).findFirst().orElseThrow();
        assertThat(post(api, "/api/complaints/" + filed.complaintId + "/acknowledge", "{\"acknowledgedBy\": \"agent-3\"}")).isBetween(200, 299);
        Customer assigned = writer.customers.stream().filter(c -> c.complaintStep == 3).findFirst().orElseThrow();
        assertThat(post(api, "/api/complaints/" + assigned.complaintId + "/acknowledge", "{\"acknowledgedBy\": \"agent-3\"}")).isEqualTo(422);

        assertThat(new Commands(api).perform(first, Mix.Op.PROFILE_UPDATE, new java.util.Random(1))).isTrue();
        assertThat(new Commands(api).perform(first, Mix.Op.INTERACTION, new java.util.Random(1))).isTrue();

        // the same aggregate types as the command side stores
        Set<String> direct = Set.copyOf(jdbc.sql("SELECT DISTINCT type FROM domain_event_entry WHERE meta_data LIKE '%bench-direct-writer%'")
                .query(String.class).list());
        Set<String> commanded = Set.copyOf(jdbc.sql("SELECT DISTINCT type FROM domain_event_entry WHERE meta_data NOT LIKE '%bench-direct-writer%'")
                .query(String.class).list());
        assertThat(direct).containsExactlyInAnyOrder("Customer", "Membership", "Sale", "Interaction", "Complaint");
        assertThat(commanded).containsExactlyInAnyOrder("Customer", "Membership", "Sale", "Interaction", "Complaint");
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static int post(Api api, String path, String json) {
        return api.send(api.post(path, json)).statusCode();
    }

    private static String refund(BigDecimal amount) {
        return "{\"amount\": %s, \"currency\": \"CNY\", \"reason\": \"test\"}".formatted(amount.toPlainString());
    }
}
