package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.rapport.platform.security.CredentialCheckCache;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What every request used to pay for and no longer does (docs/performance.md, "Query and lag paths, round 2"): the dummy
 * hash Spring Security checks an unknown user's password against is made once, at start, not by the first requests
 * (they made one each); and Spring Security's observations (a Micrometer observation around the filter chain, every
 * authentication and every authorization) are off, while the HTTP server's request metrics stay, as a timer without a long
 * task timer of the requests in flight.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a context of its own: the count below is of this application's start, before any request
        properties = {"rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "spring.application.name=rapport-request-path-cost"})
class RequestPathCostTest {

    @LocalServerPort
    int port;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void theUnknownUsersHashIsMadeAtStartAndNoFirstRequestsMakeTheirOwn() {
        CredentialCheckCache cache = (CredentialCheckCache) passwordEncoder;
        assertThat(cache.encodings()).as("hashes made before the first request").isEqualTo(1);

        Http known = new Http(port);
        Http unknown = known.as("nobody-" + port, "whatever");
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        ExecutorService together = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 16; i++) {
                Http caller = i % 2 == 0 ? known : unknown;
                answers.add(CompletableFuture.supplyAsync(() -> caller.get("/api/customers/no-such-customer").status(), together));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).join()).isEqualTo(i % 2 == 0 ? 404 : 401);
            }
        } finally {
            together.shutdownNow();
        }
        assertThat(cache.encodings()).as("hashes made by the requests").isEqualTo(1);
    }

    @Test
    void springSecurityRecordsNoObservationsWhileTheServerStillTimesEveryRequest() {
        Http http = new Http(port);
        assertThat(http.get("/api/customers/no-such-customer").status()).isEqualTo(404);
        Http.Response metrics = http.get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode name : metrics.json().path("names")) {
            names.add(name.asString());
        }
        assertThat(names).contains("http.server.requests");
        assertThat(names).noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void requestsAreTimedWithoutALongTaskTimerOfTheRequestsInFlight() {
        Http http = new Http(port);
        assertThat(http.get("/api/customers/no-such-customer").status()).isEqualTo(404);
        List<String> names = new ArrayList<>();
        for (JsonNode name : http.get("/actuator/metrics").json().path("names")) {
            names.add(name.asString());
        }
        assertThat(names).contains("http.server.requests").doesNotContain("http.server.requests.active");
        JsonNode timed = http.get("/actuator/metrics/http.server.requests?tag=uri:/api/customers/%7BcustomerId%7D").json();
        assertThat(timed.path("measurements").get(0).path("statistic").asString()).isEqualTo("COUNT");
        assertThat(timed.path("measurements").get(0).path("value").asDouble()).isPositive();
    }
}
