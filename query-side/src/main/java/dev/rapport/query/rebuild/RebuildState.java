package dev.rapport.query.rebuild;

/**
 * RUNNING: replaying into the rebuild schema. TAILING: swapped, waiting for the live processor to pass
 * the swap position before the old tables are dropped. COMPLETED. FAILED: stopped on an error; a new
 * request continues from the stored position.
 */
public enum RebuildState {
    RUNNING, TAILING, COMPLETED, FAILED
}
