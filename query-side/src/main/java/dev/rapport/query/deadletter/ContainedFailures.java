package dev.rapport.query.deadletter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Whether a projection's handler failures are contained, so the failed event alone can be dead-lettered.
 * <p>
 * A handler that fails inside PostgreSQL aborts the whole batch transaction: the dead-letter queue cannot be
 * written in it, and the handler's earlier statements would otherwise commit half an event. Containing every
 * handler in a savepoint would cost two round trips per event and, past 64 savepoints in one batch, push
 * PostgreSQL into subtransaction overflow for every session. So a projection runs without savepoints until a
 * handler fails; that batch is rolled back and retried "carefully" — one savepoint per handler, rolled back on
 * failure — for a while after the last failure ({@code rapport.projections.careful-for}, 5 minutes).
 */
@Component
public class ContainedFailures {

    /** serialization_failure, deadlock_detected, lock_not_available (a lock timeout) */
    private static final Set<String> CONTENTION_STATES = Set.of("40001", "40P01", "55P03");

    private final long carefulForNanos;
    private final Map<String, Long> carefulUntil = new ConcurrentHashMap<>();
    private final ThreadLocal<Throwable> contained = new ThreadLocal<>();

    ContainedFailures(@Value("${rapport.projections.careful-for:5m}") Duration carefulFor) {
        this.carefulForNanos = carefulFor.toNanos();
    }

    /** The projection's handlers run in savepoints from now on, for a while. */
    public void beCareful(String processingGroup) {
        carefulUntil.put(processingGroup, System.nanoTime() + carefulForNanos);
    }

    /** Whether the projection's handlers are to run in savepoints now. */
    public boolean careful(String processingGroup) {
        Long until = carefulUntil.get(processingGroup);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            carefulUntil.remove(processingGroup, until);
            return false;
        }
        return true;
    }

    /** Ends the careful mode now, as if the last failure were long ago (tests that need a fresh start). */
    public void relax(String processingGroup) {
        carefulUntil.remove(processingGroup);
    }

    /**
     * Whether the failure is contention (a deadlock, a serialization failure, a lock timeout): no event's fault, so the
     * batch is to be retried as it is, and nothing parked.
     */
    public static boolean contended(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof SQLException sql && CONTENTION_STATES.contains(String.valueOf(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A handler's failure whose writes were rolled back to the savepoint taken before it. */
    void contained(Throwable failure) {
        contained.set(failure);
    }

    /** Whether this failure (or one it wraps) was contained by a savepoint on this thread; forgets it. */
    boolean wasContained(Throwable failure) {
        Throwable known = contained.get();
        contained.remove();
        for (Throwable t = failure; known != null && t != null; t = t.getCause()) {
            if (t == known) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
