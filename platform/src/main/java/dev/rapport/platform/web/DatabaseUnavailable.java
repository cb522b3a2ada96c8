package dev.rapport.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure caused by the database being unreachable (down, restarting, refusing connections),
 * whatever wraps it: Hikari's connection timeout, a refused or broken connection, or PostgreSQL's own
 * connection and shutdown states. Such a failure is temporary and happened before anything committed.
 */
final class DatabaseUnavailable {

    /** Roughly how long a PostgreSQL restart or fail-over takes; clients back off at least this long. */
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    static boolean isCauseOf(Throwable failure) {
        return cause(failure) != null;
    }

    /** The kind of failure without its message: a failed insert's message carries the event, personal data included. */
    static String describe(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause == null) {
            return failure.getClass().getSimpleName();
        }
        return cause instanceof SQLException sql ? cause.getClass().getSimpleName() + " (SQLSTATE " + sql.getSQLState() + ")"
                : cause.getClass().getSimpleName();
    }

    private static Throwable cause(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 32; depth++, current = current.getCause()) {
            if (current instanceof SQLTransientConnectionException || current instanceof SQLNonTransientConnectionException
                    || current instanceof ConnectException
                    || current instanceof SQLException sql && (unavailableState(sql.getSQLState()) || closedByPool(sql))) {
                return current;
            }
            if (current.getCause() == current) {
                return null;
            }
        }
        return null;
    }

    /**
     * Hikari closes a connection that failed fatally (the server went away) and answers any later use of it,
     * the transaction's commit included, with this state-less exception: nothing reached the server.
     */
    private static boolean closedByPool(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /** SQLSTATE class 08 (connection exception); 57P01-57P03: admin shutdown, crash shutdown, cannot connect now. */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
