package dev.rapport.query.writes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements a projection writes, run at once or, inside {@link #batched}, collected and sent as JDBC
 * batches at the end (in the caller's transaction): a replay of a thousand events then costs a few dozen
 * round trips to PostgreSQL instead of one or more per event.
 * <p>
 * Every statement names the key of the rows it touches (the customer the processor sequences by, or a finer
 * key such as a log position): statements with different keys must commute, as they do for any projection
 * whose events of different customers may be handled by different segments in any order. The flush keeps the
 * order of the statements of one key; statements of the same SQL for different keys go in one batch.
 * <p>
 * Statements whose outcome a handler needs (update counts, reads) cannot wait for a flush: a projection that
 * writes through this class writes every statement through it, and derives what it needs in SQL (a CTE
 * guarded by {@code RETURNING}) instead of in Java.
 */
@Component
public class ProjectionWrites {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ThreadLocal<List<Write>> pending = new ThreadLocal<>();

    public ProjectionWrites(NamedParameterJdbcTemplate named) {
        this.jdbc = JdbcClient.create(named);
        this.named = named;
    }

    /** Over a plain data source, for tests and tools outside the application context. */
    public static ProjectionWrites over(DataSource dataSource) {
        return new ProjectionWrites(new NamedParameterJdbcTemplate(dataSource));
    }

    private record Write(String key, String sql, Map<String, ?> params) {
    }

    /** Runs the statement now, or, inside {@link #batched}, at the end of it. */
    public void write(String key, String sql, Map<String, ?> params) {
        List<Write> writes = pending.get();
        if (writes == null) {
            jdbc.sql(sql).params(params).update();
        } else {
            writes.add(new Write(key, sql, params));
        }
    }

    /** A statement that must not wait for a flush nor be reordered (a reset); refused inside {@link #batched}. */
    public void now(String sql) {
        if (pending.get() != null) {
            throw new IllegalStateException("Not while batching: " + sql);
        }
        jdbc.sql(sql).update();
    }

    /**
     * Runs {@code work} (handlers writing through this class on this thread) and then its writes, batched.
     * When the work throws, nothing of it is written; when the flush fails, the caller's transaction is to be
     * rolled back (and the work done again without batching to find the statement at fault).
     */
    public <T> T batched(Supplier<T> work) {
        startBatch();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error failure) {
            discardBatch();
            throw failure;
        }
        flushBatch();
        return result;
    }

    /** Whether this thread's writes are being collected (between {@link #startBatch} and its flush or discard). */
    public boolean batching() {
        return pending.get() != null;
    }

    /**
     * From now on this thread's writes are collected until {@link #flushBatch} or {@link #discardBatch}: for a batch
     * whose end is another component's callback (a live processor's unit of work); otherwise use {@link #batched}.
     */
    public void startBatch() {
        if (pending.get() != null) {
            throw new IllegalStateException("Already batching on this thread");
        }
        pending.set(new ArrayList<>());
    }

    /**
     * Sends the collected writes and stops collecting. When it fails, the caller's transaction is to be rolled back
     * (some of the writes may have been sent).
     */
    public void flushBatch() {
        List<Write> writes = pending.get();
        if (writes == null) {
            throw new IllegalStateException("Not batching on this thread");
        }
        pending.remove();
        flush(writes);
    }

    /** Forgets the collected writes, if any, and stops collecting. */
    public void discardBatch() {
        pending.remove();
    }

    /**
     * Sends the writes in as few batches as it can: each round sends, of the next writes of every key, all those
     * of the statement most of them share. Keys whose events tell the same story (registered, updated, a sale,
     * ...) thus advance together, and a round trip carries a statement for many keys. A key whose next writes are
     * several of that statement (a customer's purchases) sends them all in the round, in their order: a JDBC batch
     * runs its statements one after the other.
     */
    private void flush(List<Write> writes) {
        Map<String, ArrayDeque<Write>> byKey = new LinkedHashMap<>();
        writes.forEach(write -> byKey.computeIfAbsent(write.key(), key -> new ArrayDeque<>()).add(write));
        while (!byKey.isEmpty()) {
            Map<String, List<ArrayDeque<Write>>> ready = new LinkedHashMap<>();
            byKey.values().forEach(queue -> ready.computeIfAbsent(queue.peek().sql(), sql -> new ArrayList<>()).add(queue));
            Map.Entry<String, List<ArrayDeque<Write>>> largest = ready.entrySet().stream()
                    .max(Comparator.comparingInt(entry -> entry.getValue().size())).orElseThrow();
            String sql = largest.getKey();
            List<SqlParameterSource> rows = new ArrayList<>();
            for (ArrayDeque<Write> queue : largest.getValue()) {
                while (!queue.isEmpty() && queue.peek().sql().equals(sql)) {
                    rows.add(new MapSqlParameterSource(queue.poll().params()));
                }
            }
            if (rows.size() == 1) {
                named.update(sql, rows.get(0));
            } else {
                named.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
            }
            byKey.values().removeIf(ArrayDeque::isEmpty);
        }
    }
}
