package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a complaint step costs as pending deadlines pile up (memberships' expiry and review deadlines, other
 * complaints' SLAs). For each N in {@code -Ddeadlines.counts} (default 1000,10000) pending deadlines it prints the
 * median time of one {@code cancelAllWithinScope} (what every acknowledge, resolve, follow-up, reopen and close did
 * before: Axon's DbSchedulerDeadlineManager reads and deserializes every scheduled execution) and of a whole
 * complaint step through HTTP now (file, acknowledge, resolve, close). Asserts correctness only, never timing.
 * Not part of the build (no *Test suffix); see docs/performance.md, "Append path, round 2".
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class ComplaintDeadlineMeasurement {

    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    DeadlineManager deadlines;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aComplaintStepCostsTheSameWhateverThePendingDeadlines() {
        Http http = new Http(port);
        String customer = http.post("/api/customers", "{\"displayName\": \"Zhou Min\", \"type\": \"INDIVIDUAL\"}", Map.of())
                .json().get("customerId").asString();
        complaintSteps(http, customer, 3); // warm-up
        int pending = 0;
        for (String count : System.getProperty("deadlines.counts", "1000,10000").split(",")) {
            int wanted = Integer.parseInt(count.trim());
            for (; pending < wanted; pending++) {
                // far in the future, like a membership's next tier review: they never fire during the measurement
                deadlines.schedule(NEVER, "filler", "filler", new AggregateScopeDescriptor("Membership", "filler-" + pending));
            }
            long scheduled = jdbc.sql("SELECT count(*) FROM scheduled_tasks").query(Long.class).single();
            assertThat(scheduled).isGreaterThanOrEqualTo(wanted);
            double cancelMillis = medianMillis(5, () -> timed(() -> deadlines.cancelAllWithinScope("complaint-sla-acknowledge",
                    new AggregateScopeDescriptor("Complaint", "nobody"))));
            List<Long> steps = complaintSteps(http, customer, 10);
            System.out.printf("DEADLINES pending=%d cancelAllWithinScope (one, as each step did before) median %.1f ms"
                            + " | complaint step through HTTP now (file, acknowledge, resolve, close) median %.1f ms p90 %.1f ms%n",
                    scheduled, cancelMillis, percentileMillis(steps, 0.5), percentileMillis(steps, 0.9));
        }
    }

    /** Nanoseconds of each step of {@code complaints} complaints, each filed, acknowledged, resolved and closed. */
    private static List<Long> complaintSteps(Http http, String customer, int complaints) {
        List<Long> steps = new ArrayList<>();
        for (int i = 0; i < complaints; i++) {
            String[] id = new String[1];
            steps.add(timed(() -> {
                var filed = http.post("/api/customers/" + customer + "/complaints", """
                        {"category": "DELIVERY", "severity": "MEDIUM", "channel": "PHONE", "description": "Late again"}""", Map.of());
                assertThat(filed.status()).as(filed.body()).isEqualTo(201);
                id[0] = filed.json().get("complaintId").asString();
            }));
            steps.add(timed(() -> assertThat(http.post("/api/complaints/" + id[0] + "/acknowledge",
                    "{\"acknowledgedBy\": \"li.na\"}", Map.of()).status()).isEqualTo(200)));
            steps.add(timed(() -> assertThat(http.post("/api/complaints/" + id[0] + "/resolve",
                    "{\"resolution\": \"Redelivered\", \"resolvedBy\": \"li.na\"}", Map.of()).status()).isEqualTo(200)));
            steps.add(timed(() -> assertThat(http.post("/api/complaints/" + id[0] + "/close",
                    "{\"satisfaction\": 4}", Map.of()).status()).isEqualTo(200)));
        }
        return steps;
    }

    private static long timed(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static double medianMillis(int runs, LongSupplier run) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(run.getAsLong());
        }
        return percentileMillis(times, 0.5);
    }

    private static double percentileMillis(List<Long> nanos, double quantile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
}
