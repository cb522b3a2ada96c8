package dev.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;

/** The parts of the bench that decide what is measured: the mix, the volumes, the open loop. */
class HarnessTest {

    @Test
    void theAppendMixIsTheIssuesMix() {
        Map<Mix.Op, Integer> counts = new EnumMap<>(Mix.Op.class);
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(Mix.APPEND.pick(random), 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Mix.Op.SALE, Mix.Op.INTERACTION, Mix.Op.REDEMPTION, Mix.Op.COMPLAINT_STEP);
        assertThat(counts.get(Mix.Op.SALE) / 1000.0).isCloseTo(60, within(1.0));
        assertThat(counts.get(Mix.Op.INTERACTION) / 1000.0).isCloseTo(25, within(1.0));
        assertThat(counts.get(Mix.Op.REDEMPTION) / 1000.0).isCloseTo(10, within(1.0));
        assertThat(counts.get(Mix.Op.COMPLAINT_STEP) / 1000.0).isCloseTo(5, within(1.0));
    }

    @Test
    void scalesAreEventCounts() {
        assertThat(Options.volume("100k")).isEqualTo(100_000);
        assertThat(Options.volume("1m")).isEqualTo(1_000_000);
        assertThat(Options.volume("5M")).isEqualTo(5_000_000);
        assertThat(Options.parse("--scale", "1m,100k").scales()).containsExactly(100_000L, 1_000_000L);
    }

    @Test
    void theSustainedLagRunIsAFractionOfTheAchievedRateOrOff() {
        assertThat(Options.parse().lagSustained()).isEqualTo(0.5);
        assertThat(Options.parse("--lag-sustained", "0").lagSustained()).isZero();
        assertThat(Options.parse("--lag-sustained", "0.25").lagSustained()).isEqualTo(0.25);
        assertThatThrownBy(() -> Options.parse("--lag-sustained", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRebuildFigureTakesEveryProjectionUnlessSomeAreNamed() {
        assertThat(Options.parse().projections()).isEmpty();
        assertThat(Options.parse("--projections", "churn-alerts,loyalty-view").projections()).containsExactly("churn-alerts", "loyalty-view");
    }

    @Test
    void theOpenLoopKeepsItsRateWhateverTheAnswersTakeAndCountsLatencyFromTheDueTime() throws Exception {
        Latencies latencies = new Latencies();
        // every answer takes 200 ms: a closed loop with one client would send 5 per second, the open loop sends 50
        OpenLoop.Result result = OpenLoop.run(50, Duration.ofSeconds(1), 100, (i, due) -> CompletableFuture
                .supplyAsync(() -> true, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                .thenApply(ok -> {
                    latencies.recordNanos(System.nanoTime() - due);
                    return ok;
                }));
        assertThat(result.sent()).isBetween(49L, 51L);
        assertThat(result.ok()).isEqualTo(result.sent());
        assertThat(latencies.ms(50)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void requestsBeyondTheInFlightLimitAreCountedAsDropped() throws Exception {
        OpenLoop.Result result = OpenLoop.run(100, Duration.ofMillis(500), 1, (i, due) -> CompletableFuture
                .supplyAsync(() -> true, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)));
        assertThat(result.ok()).isEqualTo(2);
        assertThat(result.dropped()).isEqualTo(result.sent() - 2);
    }

    @Test
    void theQueryLoadRunsInAJvmOfItsOwnAndReportsItsCpuApartFromThisOne() throws Exception {
        AtomicInteger authenticated = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        String expected = "Basic " + Base64.getEncoder().encodeToString("bench:secret".getBytes(StandardCharsets.UTF_8));
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/customers", exchange -> {
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            (ok ? authenticated : refused).incrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Api api = new Api("http://localhost:" + server.getAddress().getPort(), "bench", "secret");
            List<Customer> customers = List.of(new Customer(0, "c-0"), new Customer(1, "c-1"));
            ForkedLoad.Outcome outcome = ForkedLoad.run("query", api, customers, 50, Duration.ofSeconds(2), Duration.ofSeconds(1), 7,
                    ForkedLoad.PostgresCpu.none());

            assertThat(Long.parseLong(outcome.result().getProperty("pid"))).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(outcome.run().ok()).isBetween(98L, 102L);
            assertThat(outcome.latencies("customer").count() + outcome.latencies("list").count()).isEqualTo(outcome.run().ok());
            // the warm-up's requests reach the server too, but are not counted in the results
            assertThat(authenticated.get()).isGreaterThanOrEqualTo((int) outcome.run().ok() + 45);
            assertThat(refused.get()).isZero();
            assertThat(outcome.client().cpuNanos()).isPositive();
            assertThat(outcome.app().cpuNanos()).isPositive();
            assertThat(outcome.postgresCpuNanos()).isEqualTo(-1);
        } finally {
            server.stop(0);
        }
    }
}
