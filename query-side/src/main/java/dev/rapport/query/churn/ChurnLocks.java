package dev.rapport.query.churn;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * PostgreSQL advisory locks, held to the end of the transaction. The evaluation runs on one node at a time
 * ({@link #tryEvaluation}) and never interleaves with the projection's transactions: the projection holds the
 * write lock shared, the evaluation exclusively, so each sees the other's reasons committed before it decides.
 */
final class ChurnLocks {

    private static final long EVALUATION = 0x43_68_75_72_6E_45_76_6CL;
    private static final long WRITES = 0x43_68_75_72_6E_57_72_74L;

    /** Bound to the transaction while it holds the write lock shared. */
    private static final Object SHARED_HELD = new Object();

    private ChurnLocks() {
    }

    /** @return whether this transaction got to run the evaluation; false when another node is running it */
    static boolean tryEvaluation(JdbcClient jdbc) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(EVALUATION).query(Boolean.class).single();
    }

    /** Waits for the projection's open transactions and keeps new ones out until this one ends. */
    static void writeExclusively(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)::text").param(WRITES).query(String.class).single();
    }

    /**
     * Waits while an evaluation is writing. Outside a processor's unit of work (a rebuild's batch) it is taken once per
     * transaction, where it is held to the end: a batch of 5,000 events costs one round trip for it, not one per event.
     * In a unit of work it is taken for every event, because a careful processor runs each handler in a savepoint, and
     * a lock taken in a savepoint that is rolled back is released with it.
     */
    static void writeShared(JdbcClient jdbc) {
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive() && !CurrentUnitOfWork.isStarted();
        if (inTransaction && TransactionSynchronizationManager.hasResource(SHARED_HELD)) {
            return;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)::text").param(WRITES).query(String.class).single();
        if (inTransaction) {
            TransactionSynchronizationManager.bindResource(SHARED_HELD, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(SHARED_HELD);
                }
            });
        }
    }
}
