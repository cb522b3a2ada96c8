package dev.rapport.query.churn;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies a customer's alert level to {@code customer_view.churn_level} once the churn projection's transaction has
 * committed, one customer per transaction. Written in the projection's own transaction, the copy deadlocked with the
 * customer-view projection: each held the {@code customer_view} row of one customer while waiting for another's,
 * their batches touching the same customers in different orders. A transaction that writes a single row holds nothing
 * another one waits for. Should the process stop between the commit and the copy, the next churn evaluation (which
 * aligns every customer's level) or rebuild puts it right; the level on {@code customer_view} was already only as fresh as
 * the later of the two projections.
 */
@Component
class ChurnLevelFollower {

    /** Puts customer {@code :id}'s alert level (none without an alert) on their {@code customer_view} row. */
    static final String COPY_LEVEL = """
            UPDATE customer_view v SET churn_level = a.level
            FROM (SELECT CAST(:id AS varchar) AS customer_id) c LEFT JOIN churn_alert a ON a.customer_id = c.customer_id
            WHERE v.customer_id = c.customer_id AND v.churn_level IS DISTINCT FROM a.level""";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Object pendingKey = new Object();

    ChurnLevelFollower(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = transactionManager == null ? null : new TransactionTemplate(transactionManager);
        if (ownTransaction != null) {
            ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        }
    }

    /** Without a transaction manager: outside a transaction the level is copied at once (tests, tools). */
    static ChurnLevelFollower atOnce(JdbcClient jdbc) {
        return new ChurnLevelFollower(jdbc, null);
    }

    /** The customer's level follows the alert after the current transaction commits (at once without one). */
    void follow(String customerId) {
        if (ownTransaction == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            copy(customerId);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(pendingKey);
        if (pending == null) {
            Set<String> customers = new TreeSet<>();
            TransactionSynchronizationManager.bindResource(pendingKey, customers);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    customers.forEach(customer -> ownTransaction.executeWithoutResult(status -> copy(customer)));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
                }
            });
            pending = customers;
        }
        pending.add(customerId);
    }

    private void copy(String customerId) {
        jdbc.sql(COPY_LEVEL).param("id", customerId).update();
    }
}
