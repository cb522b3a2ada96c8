package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Projection lag as a client sees it: commands (RegisterCustomer) sent at a steady rate, each followed at once by a
 * read of that customer carrying the command's consistency token; the read's latency is the time from the command
 * being acknowledged to its effect being visible. Prints p50/p99/max per rate and the JVM's CPU while idle.
 * <p>
 * Asserts correctness only (every read answers 200 with the new customer), never timing: figures depend on the
 * machine. Rates and duration: {@code -Dlag.rates=50,200,1000 -Dlag.seconds=10 -Dlag.idle-seconds=30}
 * (defaults are small so the build stays quick). See docs/performance.md.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class ProjectionLagMeasurement {

    @LocalServerPort
    int port;

    @Test
    void everyReadWithItsTokenSeesItsCommandAndTheLagIsPrinted() throws Exception {
        Http http = new Http(port);
        send(http, 20, 2); // warm-up: JIT, connection pools, every processor streaming
        double idleSeconds = Double.parseDouble(System.getProperty("lag.idle-seconds", "2"));
        if (idleSeconds > 0) {
            System.out.printf("LAG idle CPU over %.0f s: %.2f%% of one core%n", idleSeconds, idleCpuPercent(idleSeconds));
        }
        int seconds = Integer.getInteger("lag.seconds", 2);
        for (String rate : System.getProperty("lag.rates", "50").split(",")) {
            int perSecond = Integer.parseInt(rate.trim());
            long start = System.nanoTime();
            List<long[]> timings = send(http, perSecond, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Long> lags = sorted(timings, 0);
            List<Long> plain = sorted(timings, 1);
            System.out.printf("LAG rate=%d/s sent=%d achieved=%.0f/s read-after-command ms: p50=%.1f p99=%.1f max=%.1f"
                            + " | plain re-read (no token, machine baseline) ms: p50=%.1f p99=%.1f%n",
                    perSecond, lags.size(), lags.size() / elapsed, millis(lags, 0.50), millis(lags, 0.99),
                    lags.get(lags.size() - 1) / 1e6, millis(plain, 0.50), millis(plain, 0.99));
        }
    }

    private static List<Long> sorted(List<long[]> timings, int column) {
        List<Long> values = new ArrayList<>(timings.stream().map(timing -> timing[column]).toList());
        Collections.sort(values);
        return values;
    }

    /**
     * Commands at a steady rate for some seconds; per command the nanoseconds from its acknowledgement to its
     * consistent read, and those of a plain read of the same customer right after (what any read costs here).
     */
    private static List<long[]> send(Http http, int perSecond, int seconds) throws Exception {
        int total = perSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        ExecutorService clients = Executors.newFixedThreadPool(Math.min(128, Math.max(4, perSecond / 2)));
        List<Future<long[]>> results = new ArrayList<>(total);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int n = i;
                results.add(clients.submit(() -> registerAndRead(http, perSecond + "-" + n)));
            }
            List<long[]> lags = new ArrayList<>(total);
            for (Future<long[]> result : results) {
                lags.add(result.get(60, TimeUnit.SECONDS));
            }
            return lags;
        } finally {
            clients.shutdownNow();
        }
    }

    private static long[] registerAndRead(Http http, String name) {
        var created = http.post("/api/customers", "{\"displayName\": \"Lag " + name + "\", \"type\": \"INDIVIDUAL\"}", Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long acknowledged = System.nanoTime();
        String id = created.json().get("customerId").asString();
        var read = http.get("/api/customers/" + id, Map.of("X-Consistency-Token", created.header("X-Consistency-Token")));
        long visible = System.nanoTime();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("displayName").asString()).isEqualTo("Lag " + name);
        long again = System.nanoTime();
        assertThat(http.get("/api/customers/" + id).status()).isEqualTo(200);
        return new long[] {visible - acknowledged, System.nanoTime() - again};
    }

    private static double millis(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    /** CPU time of the whole JVM (the application, its processors, not the embedded PostgreSQL) per wall time. */
    private static double idleCpuPercent(double seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long before = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        return 100.0 * (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - before);
    }
}
