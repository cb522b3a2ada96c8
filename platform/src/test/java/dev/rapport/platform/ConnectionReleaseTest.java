package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A connection Axon takes inside a unit of work goes back to the pool exactly once. Hikari hands each borrow of a
 * pooled connection a new proxy, but all of them share the pooled entry's list of open statements; closing a proxy
 * a second time, after the entry was lent again, clears the next borrower's list, and under load that corrupts it
 * (an {@code ArrayIndexOutOfBoundsException} in {@code FastList.add}, seen in CdnowReplayTest). The unit of work's
 * cleanup used to close the connection that the Spring transaction had already returned at commit.
 */
@SpringBootTest(classes = ConnectionReleaseTest.PlatformOnly.class,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class ConnectionReleaseTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlatformOnly {
    }

    @Autowired DataSource dataSource;
    @Autowired ConnectionProvider connectionProvider;
    @Autowired TransactionManager transactionManager;

    @Test
    void aUnitOfWorksConnectionIsNotClosedAgainAfterItsTransactionReturnedIt() throws Exception {
        AtomicReference<Connection> nextBorrower = new AtomicReference<>();
        AtomicReference<Statement> nextBorrowersStatement = new AtomicReference<>();
        List<Throwable> failures = new ArrayList<>();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.afterCommit(u -> {
            // The transaction has returned the connection: Hikari lends this thread the same pooled entry again.
            try {
                Connection connection = dataSource.getConnection();
                nextBorrower.set(connection);
                nextBorrowersStatement.set(connection.prepareStatement("SELECT 1"));
            } catch (Exception e) {
                failures.add(e);
            }
        });
        unitOfWork.execute(() -> {
            try (Connection connection = connectionProvider.getConnection();
                    PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
                statement.execute();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(failures).isEmpty();
        Statement statement = nextBorrowersStatement.get();
        nextBorrower.get().close();
        assertThat(statement.isClosed())
                .as("closing the next borrower's connection closes its statements, which it tracks only if no one "
                        + "cleared its list since")
                .isTrue();
    }
}
