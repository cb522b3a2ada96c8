package dev.rapport.query.churn;

import static dev.rapport.query.churn.ChurnTables.churnLevelOnCustomerView;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The churn projection, live, holds no lock on {@code customer_view} while its transaction is open (the customer-view
 * projection, writing the same customers in another order, deadlocked with it), and the level follows once it commits.
 */
class ChurnLevelFollowerTest {

    private static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");

    private final DataSource dataSource = ProjectionDatabase.dataSource();
    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
    private final ChurnAlertStream stream = new ChurnAlertStream(ChurnProperties.defaults(), new LiveStreams());
    private final ChurnAlertProjection projection = new ChurnAlertProjection(jdbc, ProjectionDatabase.writes(),
            new ChurnAlerts(jdbc, new ChurnAlertViews(jdbc), stream), new ChurnLevelFollower(jdbc, transactionManager),
            new SimpleMeterRegistry());

    @BeforeEach
    void customersOnTheCustomerView() {
        ProjectionDatabase.reset();
        ChurnTables.customerView(jdbc, "c-1");
        ChurnTables.customerView(jdbc, "c-2");
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void theCustomerViewRowsAreFreeWhileTheChurnTransactionIsOpenAndTheLevelFollowsTheCommit() {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            new ChurnHistory(projection, "c-1").complaintFiled("k-1", T0).slaBreached("k-1", SlaDeadline.RESOLVE, T0.plusSeconds(60));
            new ChurnHistory(projection, "c-2").scored(1, T0);

            assertThat(lockableFromAnotherTransaction("c-1")).as("customer_view row of c-1 not locked by churn").isTrue();
            assertThat(lockableFromAnotherTransaction("c-2")).as("customer_view row of c-2 not locked by churn").isTrue();
            assertThat(levelSeenFromAnotherTransaction("c-1")).as("nothing copied before the commit").isNull();
        });

        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("WARNING");
        assertThat(churnLevelOnCustomerView(jdbc, "c-2")).isEqualTo("WARNING");
    }

    @Test
    void aRolledBackChurnTransactionCopiesNothing() {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            new ChurnHistory(projection, "c-1").scored(1, T0);
            status.setRollbackOnly();
        });

        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM churn_alert").query(Long.class).single()).isZero();
    }

    private boolean lockableFromAnotherTransaction(String customerId) {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            try {
                statement.execute("SELECT 1 FROM customer_view WHERE customer_id = '" + customerId + "' FOR UPDATE NOWAIT");
                return true;
            } catch (SQLException locked) {
                return false;
            } finally {
                other.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String levelSeenFromAnotherTransaction(String customerId) {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            var rows = statement.executeQuery("SELECT churn_level FROM customer_view WHERE customer_id = '" + customerId + "'");
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
