package dev.rapport.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rapport.query.consistency.ProjectionPositions;
import dev.rapport.standalone.StandaloneApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuild throughput (issue 7): fills the store through the command side (in-process, 8 threads, the same
 * customer story as {@link ProjectionRebuildTest}, so personal data is encrypted as in production) up to
 * {@code -Drebuild.events=100000}, then rebuilds each projection in turn through the rebuilder the admin API
 * uses and prints its events/s, next to two baselines on the same rows: a plain JDBC read of
 * {@code domain_event_entry} in {@code global_index} order (fetch size 1,000, every column as text) and the
 * rebuild's own read (the same, upcast and deserialized with the PII decrypted).
 * <p>
 * Not part of {@code verify} (not a {@code *Test}). The database lives in {@code -Drebuild.data-dir}
 * (default {@code target/rebuild-measurement}) and is reused: a second run finds the events there and only
 * measures. It asserts correctness only (every rebuild completes, each replays the whole log). See
 * docs/performance.md, "Rebuild throughput".
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "rapport.embedded-postgres.data-dir=${rebuild.data-dir:target/rebuild-measurement}",
                "spring.application.name=rapport-rebuild-measurement",
                "rapport.segments.initial-delay=PT24H",
                "rapport.churn.evaluation-initial-delay=PT24H"})
@org.springframework.test.annotation.DirtiesContext
class RebuildThroughputMeasurement {

    private static final int EVENTS_PER_STORY = 15;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    RebuildableProjections projections;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    LogEvents log;

    @Test
    void everyProjectionIsRebuiltAndItsThroughputPrinted() throws Exception {
        long wanted = Long.getLong("rebuild.events", 100_000);
        fill(wanted);
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1)).until(() -> story().everyProcessorHasReachedTheHead());
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        System.out.printf("REBUILD store: %d events%n", events);

        plainRead(events); // warm-up of the page cache and the JIT
        System.out.printf("REBUILD baseline plain read (JDBC, every column as text): %.0f events/s%n", events / plainRead(events));
        long readCpu = threadCpuNanos();
        double readSeconds = deserializedRead(events);
        readCpu = threadCpuNanos() - readCpu;
        System.out.printf("REBUILD baseline rebuild read (upcast, deserialized, PII decrypted): %.0f events/s, CPU %.1f µs/event%n",
                events / readSeconds, readCpu / 1e3 / events);

        List<String> only = List.of(System.getProperty("rebuild.only", "").split(",")).stream().filter(s -> !s.isBlank()).toList();
        for (RebuildableProjection projection : projections.all()) {
            if (!only.isEmpty() && !only.contains(projection.name())) {
                continue;
            }
            long start = System.nanoTime();
            long cpuAtStart = processCpuNanos();
            rebuilder.start(projection.name());
            AtomicInteger polls = new AtomicInteger();
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(20)).until(() -> {
                polls.incrementAndGet();
                RebuildStatus status = rebuilder.status(projection.name());
                assertThat(status.state()).isNotEqualTo(RebuildState.FAILED);
                return status.state() != RebuildState.RUNNING;
            });
            double replayed = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuAtStart;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> rebuilder.status(projection.name()).state() == RebuildState.COMPLETED);
            double completed = (System.nanoTime() - start) / 1e9;
            RebuildStatus status = rebuilder.status(projection.name());
            assertThat(status.processed()).as("the whole log replayed once").isEqualTo(events);
            System.out.printf("REBUILD %-17s %8d events replayed and swapped in %6.2f s: %7.0f events/s (completed, live "
                    + "processor past the swap: %.2f s); JVM CPU %.1f µs/event%n", projection.name(), status.processed(), replayed,
                    status.processed() / replayed, completed, cpu / 1e3 / status.processed());
        }
    }

    /** CPU time of this JVM (every thread: rebuild, read-ahead, and whatever else runs meanwhile), less noisy than wall clock under load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Stories of customers until the log holds about {@code wanted} events; none when it already does. */
    private void fill(long wanted) throws Exception {
        long present = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        long stories = (wanted - present) / EVENTS_PER_STORY;
        if (stories <= 0) {
            return;
        }
        long first = jdbc.sql("SELECT count(*) FROM customer_view").query(Long.class).single();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> told = new ArrayList<>();
        for (long i = 0; i < stories; i++) {
            String customer = "measure-%07d".formatted(first + i);
            told.add(senders.submit(() -> story().tellTheStoryOf(customer)));
        }
        for (Future<?> story : told) {
            story.get();
        }
        senders.shutdown();
    }

    private double plainRead(long events) {
        long start = System.nanoTime();
        long[] rows = {0};
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            JdbcTemplate cursor = new JdbcTemplate(jdbcTemplate.getDataSource());
            cursor.setFetchSize(1_000);
            cursor.query("""
                    SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                           payload_type, payload_revision, payload, meta_data
                    FROM domain_event_entry ORDER BY global_index""", rs -> {
                for (int column = 1; column <= 10; column++) {
                    rs.getString(column);
                }
                rows[0]++;
            });
        });
        assertThat(rows[0]).isEqualTo(events);
        return (System.nanoTime() - start) / 1e9;
    }

    private double deserializedRead(long events) {
        long start = System.nanoTime();
        long read = new TransactionTemplate(transactionManager).execute(tx -> {
            long position = 0;
            long count = 0;
            for (var batch = log.after(position, Long.MAX_VALUE, 1_000); !batch.isEmpty();
                 batch = log.after(position, Long.MAX_VALUE, 1_000)) {
                batch.forEach(event -> event.getPayload());
                count += batch.size();
                position = batch.get(batch.size() - 1).trackingToken().position().orElseThrow();
            }
            return count;
        });
        assertThat(read).isEqualTo(events);
        return (System.nanoTime() - start) / 1e9;
    }

    private RebuildStory story() {
        return new RebuildStory(commands, jdbc, positions);
    }
}
