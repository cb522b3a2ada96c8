package dev.rapport.platform;

import java.sql.SQLException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique violation (SQLState 23505) anywhere in an exception's causes, including
 * the next exceptions of a failed JDBC batch. Axon's {@code JdbcSQLErrorCodesResolver} goes by vendor error
 * codes, which the PostgreSQL driver leaves at 0, so two nodes appending the same aggregate sequence ended
 * as an opaque EventStoreException (a 500) instead of a ConcurrencyException (retried, then a 409).
 */
public class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
