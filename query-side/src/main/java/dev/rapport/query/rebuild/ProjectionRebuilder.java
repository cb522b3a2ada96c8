package dev.rapport.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rapport.query.consistency.ProjectionPositions;
import dev.rapport.query.writes.ProjectionWrites;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green rebuilds. The projection's own handlers replay the log into copies of its tables in the
 * schema {@code rebuild_<name>} (each batch one transaction whose search_path puts that schema first,
 * so the handlers' unqualified table names resolve to the copies), while the live tables keep serving.
 * Caught up, one transaction locks the live tables, replays the rest of the log and swaps the tables.
 * The position is stored with every batch: a restart continues where the last commit left off.
 * <p>
 * After the swap the live processor carries on in the new tables; the old ones are dropped once its
 * token has passed the swap position (TAILING), so no batch it had in flight is still using them.
 */
@Component
public class ProjectionRebuilder {

    static final int BATCH_SIZE = 5_000;
    private static final Duration TAIL_POLL = Duration.ofMillis(200);
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilder.class);

    private final RebuildableProjections projections;
    private final ShadowTables tables;
    private final LogEvents log;
    private final ReplayHandlers handlers;
    private final RebuildRecord record;
    private final ProjectionPositions livePositions;
    private final RebuildMetrics metrics;
    private final JdbcClient jdbc;
    private final ProjectionWrites writes;
    private final TransactionTemplate transactions;
    private final ScheduledExecutorService workers;
    private final ExecutorService readers;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, ReadAhead> readAhead = new ConcurrentHashMap<>();

    /** The batch after {@code position}, being read and deserialized on a reader thread while the one before is written. */
    private record ReadAhead(long position, Future<List<TrackedEventMessage<?>>> events) {
    }

    /** A rebuild being worked on in this instance, for the rate. */
    private record Run(RebuildableProjection projection, long processedAtStart, Instant startedAt, AtomicInteger failures) {
    }

    ProjectionRebuilder(RebuildableProjections projections, ShadowTables tables, LogEvents log, ReplayHandlers handlers,
                        RebuildRecord record, ProjectionPositions livePositions, RebuildMetrics metrics, JdbcClient jdbc,
                        ProjectionWrites writes, PlatformTransactionManager transactionManager) {
        this.projections = projections;
        this.tables = tables;
        this.log = log;
        this.handlers = handlers;
        this.record = record;
        this.livePositions = livePositions;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.writes = writes;
        this.transactions = new TransactionTemplate(transactionManager);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newScheduledThreadPool(projections.all().size(), task -> {
            Thread thread = new Thread(task, "projection-rebuild-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger readerThreads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(projections.all().size(), task -> {
            Thread thread = new Thread(task, "projection-rebuild-read-" + readerThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a rebuild, or returns the one running. A rebuild left unfinished (a crash, a failure)
     * continues from its stored position; anything else starts afresh from the beginning of the log.
     */
    public synchronized RebuildStatus start(String name) {
        RebuildableProjection projection = projections.named(name);
        if (!runs.containsKey(name)) {
            Optional<RebuildRecord.Row> last = record.find(name);
            if (last.isPresent() && resumable(projection, last.get())) {
                RebuildState state = last.get().swapPosition() != null ? RebuildState.TAILING : RebuildState.RUNNING;
                transactions.executeWithoutResult(status -> record.moveTo(name, state, Instant.now()));
                launch(projection, last.get().processed());
            } else {
                prepare(name);
                launch(projection, 0);
            }
        }
        return status(name);
    }

    public RebuildStatus status(String name) {
        RebuildableProjection projection = projections.named(name);
        return record.find(projection.name()).map(this::status)
                .orElseGet(() -> new RebuildStatus(name, null, 0, 0, log.head(), null, null, null, null, null, null));
    }

    /** The status of each rebuildable projection's last rebuild, if it had one. */
    public List<RebuildStatus> all() {
        return projections.all().stream().map(p -> status(p.name())).toList();
    }

    /** A fresh rebuild schema and row, not yet worked on. */
    void prepare(String name) {
        RebuildableProjection projection = projections.named(name);
        transactions.executeWithoutResult(status -> {
            tables.create(projection);
            record.begin(name, log.head(), Instant.now());
        });
        metrics.update(name, 0, 0);
    }

    /**
     * Replays the next batch into the rebuild schema; true when it came back short (caught up). The handlers'
     * writes go to PostgreSQL as JDBC batches at the end of the batch; when that fails, the batch is rolled back
     * and replayed once more event by event, so that a failure names the event at fault.
     */
    boolean replayBatch(String name) {
        try {
            return replayBatch(name, true);
        } catch (RuntimeException batched) {
            LOG.warn("Batched replay of {} failed, replaying the batch event by event", name, batched);
            return replayBatch(name, false);
        }
    }

    private boolean replayBatch(String name, boolean batchedWrites) {
        RebuildableProjection projection = projections.named(name);
        Boolean caughtUp = transactions.execute(status -> {
            RebuildRecord.Row row = record.lock(name).orElseThrow();
            if (row.state() != RebuildState.RUNNING) {
                return false;
            }
            tables.useForReplay(projection);
            List<TrackedEventMessage<?>> events = nextBatch(projection, row.position());
            if (events.size() == BATCH_SIZE) {
                startReadingAhead(projection, events.get(events.size() - 1).trackingToken().position().orElseThrow());
            }
            long handled = batchedWrites ? writes.batched(() -> replay(projection, row, events))
                    : replay(projection, row, events);
            return handled < BATCH_SIZE;
        });
        return Boolean.TRUE.equals(caughtUp);
    }

    /**
     * The copies' indexes completed, then under the live tables' locks: the rest of the log into the copies, and the copies
     * become the live tables.
     */
    void swap(String name) {
        RebuildableProjection projection = projections.named(name);
        readAhead.remove(name);
        transactions.executeWithoutResult(status -> {
            RebuildRecord.Row row = record.lock(name).orElseThrow();
            if (row.state() != RebuildState.RUNNING) {
                return;
            }
            // the copies without useForReplay's index-only planning: the carry-over and the swap steps read whole tables,
            // and the copies are analyzed before the tail is replayed
            jdbc.sql("SET LOCAL search_path TO " + projection.rebuildSchema() + ", public").update();
            // before any lock a query or the live processor waits for: the carried columns, the indexes, and the events
            // stored meanwhile
            tables.carryOver(projection);
            tables.completeIndexes(projection);
            tables.analyze(projection);
            RebuildRecord.Row beforeTheIndexes = row;
            writes.batched(() -> replay(projection, beforeTheIndexes, Long.MAX_VALUE));
            row = record.find(name).orElseThrow();
            projection.swapSteps().beforeLock();
            tables.lockLive(projection);
            // up to the head as it is now: chasing a head that commands keep moving could hold the locks for ever;
            // what is stored later the live processor handles in the swapped tables, as it does after any swap
            long head = log.head();
            writes.batched(() -> {
                RebuildRecord.Row at = record.find(name).orElseThrow();
                while (replay(projection, at, head) > 0) {
                    at = record.find(name).orElseThrow();
                }
                return null;
            });
            row = record.find(name).orElseThrow();
            tables.swap(projection);
            projection.swapSteps().afterSwap(projection.retiredSchema());
            record.swapped(name, row.position(), Instant.now());
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        for (String name : record.interrupted()) {
            LOG.info("Resuming the interrupted rebuild of {}", name);
            start(name);
        }
        projections.all().forEach(p -> record.find(p.name()).ifPresent(row -> metrics.update(p.name(), row.position(), row.processed())));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdownNow();
        readers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        readers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private boolean resumable(RebuildableProjection projection, RebuildRecord.Row row) {
        boolean unfinished = row.state() != RebuildState.COMPLETED;
        return unfinished && (row.swapPosition() != null || tables.exist(projection));
    }

    /**
     * The batch after the position: the one read ahead when it starts there (and was read without error; else it
     * is read again here, where an error fails the batch as it always did).
     */
    private List<TrackedEventMessage<?>> nextBatch(RebuildableProjection projection, long position) {
        ReadAhead ahead = readAhead.remove(projection.name());
        if (ahead != null && ahead.position() == position) {
            try {
                return ahead.events().get();
            } catch (ExecutionException e) {
                LOG.debug("Reading ahead after {} for {} failed, reading again", position, projection.name(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading the log", e);
            }
        }
        return log.after(position, Long.MAX_VALUE, BATCH_SIZE);
    }

    /**
     * Reads the next batch on a reader thread while this one is handled and written: the query, the upcasting, and
     * the deserializing and decrypting (and the timestamp parsing) of the events the handlers take. Outside any transaction, so the keys read
     * for it are committed ones and go to the shared key cache at once.
     */
    private void startReadingAhead(RebuildableProjection projection, long position) {
        ReplayHandlers.Replay replay = handlers.of(projection.name());
        Future<List<TrackedEventMessage<?>>> events = readers.submit(() -> {
            List<TrackedEventMessage<?>> batch = log.after(position, Long.MAX_VALUE, BATCH_SIZE);
            for (TrackedEventMessage<?> event : batch) {
                if (replay.handles(event.getPayloadType())) {
                    event.getPayload();
                    event.getMetaData();
                    event.getTimestamp(); // parsed from its text, when the replay wraps the event in its replay token
                }
            }
            return batch;
        });
        readAhead.put(projection.name(), new ReadAhead(position, events));
    }

    private long replay(RebuildableProjection projection, RebuildRecord.Row row, long upTo) {
        return replay(projection, row, log.after(row.position(), upTo, BATCH_SIZE));
    }

    private long replay(RebuildableProjection projection, RebuildRecord.Row row, List<TrackedEventMessage<?>> events) {
        if (events.isEmpty()) {
            return 0;
        }
        ReplayHandlers.Replay replay = handlers.of(projection.name());
        events.forEach(replay::handle);
        long position = events.get(events.size() - 1).trackingToken().position().orElseThrow();
        record.advance(projection.name(), position, events.size(), log.head(), Instant.now());
        metrics.update(projection.name(), position, row.processed() + events.size());
        return events.size();
    }

    private void launch(RebuildableProjection projection, long processed) {
        runs.put(projection.name(), new Run(projection, processed, Instant.now(), new AtomicInteger()));
        workers.execute(() -> step(projection.name()));
    }

    private void step(String name) {
        Run run = runs.get(name);
        try {
            RebuildRecord.Row row = record.find(name).orElseThrow();
            switch (row.state()) {
                case RUNNING -> {
                    if (replayBatch(name)) {
                        swap(name);
                    }
                    workers.execute(() -> step(name));
                }
                case TAILING -> {
                    if (livePositions.hasProcessed(name, row.swapPosition(), Optional.empty())) {
                        transactions.executeWithoutResult(status -> {
                            tables.dropRetired(run.projection());
                            record.completed(name, Instant.now());
                        });
                        runs.remove(name);
                    } else {
                        workers.schedule(() -> step(name), TAIL_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
                default -> runs.remove(name);
            }
            run.failures().set(0);
        } catch (RuntimeException e) {
            if (workers.isShutdown()) {
                return;
            }
            // a deadlock with the live processor at the swap is retried; anything else that persists fails the rebuild
            if (run.failures().incrementAndGet() < ATTEMPTS) {
                LOG.warn("Rebuild of {} failed, retrying", name, e);
                workers.schedule(() -> step(name), TAIL_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                LOG.error("Rebuild of {} failed", name, e);
                record.failed(name, String.valueOf(e.getMessage()), Instant.now());
                runs.remove(name);
            }
        }
    }

    private RebuildStatus status(RebuildRecord.Row row) {
        long head = log.head();
        Run run = runs.get(row.projection());
        Double rate = null;
        Long eta = null;
        if (run != null) {
            double seconds = Duration.between(run.startedAt(), Instant.now()).toMillis() / 1000.0;
            rate = seconds > 0 ? (row.processed() - run.processedAtStart()) / seconds : null;
            if (rate != null && rate > 0) {
                eta = Math.round(Math.max(0, head - row.position()) / rate);
            }
        }
        if (row.state() == RebuildState.COMPLETED) {
            double seconds = Duration.between(row.startedAt(), row.completedAt()).toMillis() / 1000.0;
            rate = seconds > 0 ? row.processed() / seconds : null;
            eta = 0L;
        }
        return new RebuildStatus(row.projection(), row.state(), row.processed(), row.position(), head, rate, eta,
                row.startedAt(), row.updatedAt(), row.completedAt(), row.error());
    }
}
