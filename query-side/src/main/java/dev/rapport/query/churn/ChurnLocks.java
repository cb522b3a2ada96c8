package dev.rapport.query.churn;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL advisory locks, held to the end of the transaction. The evaluation runs on one node at a time
 * ({@link #tryEvaluation}) and never interleaves with the projection's transactions: the projection holds the
 * write lock shared, the evaluation exclusively, so each sees the other's reasons committed before it decides.
 */
final class ChurnLocks {

    private static final long EVALUATION = 0x43_68_75_72_6E_45_76_6CL;
    private static final long WRITES = 0x43_68_75_72_6E_57_72_74L;

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

    /** Waits while an evaluation is writing. */
    static void writeShared(JdbcClient jdbc) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)::text").param(WRITES).query(String.class).single();
    }
}
