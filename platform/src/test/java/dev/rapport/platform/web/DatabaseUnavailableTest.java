package dev.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.transaction.CannotCreateTransactionException;

/** The failures an unreachable database causes, as they arrive wrapped, and failures that are not that. */
class DatabaseUnavailableTest {

    @Test
    void anUnreachableDatabaseIsRecognisedThroughAxonsAndSpringsWrappers() {
        var poolTimeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 2000ms");
        assertThat(DatabaseUnavailable.isCauseOf(new CannotCreateTransactionException("Could not open JDBC Connection", poolTimeout))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new EventStoreException("append failed", new JdbcException("no connection", poolTimeout)))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new CommandExecutionException("remote", new RuntimeException(new ConnectException("refused"))))).isTrue();
        var shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        var batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ... was aborted", "57P01", 0, new int[0], shutdown);
        assertThat(DatabaseUnavailable.isCauseOf(new EventStoreException("append failed", batch))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))).isTrue();
        // found by DatabaseOutageTest: the commit on a connection Hikari had closed after the server went away
        assertThat(DatabaseUnavailable.isCauseOf(new org.springframework.transaction.TransactionSystemException("JDBC commit failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        assertThat(DatabaseUnavailable.isCauseOf(new EventStoreException("duplicate", new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("no sqlstate"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("Connection is closed", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theLoggedDescriptionLeavesOutTheMessageThatMayHoldPersonalData() {
        var batch = new BatchUpdateException("Batch entry 0 INSERT ... 'li.wei@example.com' ... was aborted", "57P01", 0, new int[0], null);
        assertThat(DatabaseUnavailable.describe(new EventStoreException("append failed", batch)))
                .isEqualTo("BatchUpdateException (SQLSTATE 57P01)");
    }
}
