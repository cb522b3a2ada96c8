package dev.rapport.query.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * How far an export may go without skipping an event that is still being committed. Positions are
 * allocated before commit, so a missing position below a recent event may yet appear; a client that
 * resumed after the recent event would never get it. Like Axon's streaming processors, a gap counts
 * as given up (a rolled-back transaction) once the event after it is older than the gap timeout.
 */
final class SettledHead {

    private static final int FETCH_SIZE = 100;

    private SettledHead() {
    }

    /**
     * The highest position with no pending gap at or below it, walking down from the newest event
     * while events are recent; {@code after} when even the next position may still be pending.
     *
     * @param settledBefore events stored before this instant are past the gap timeout
     */
    static long position(Connection connection, long after, Instant settledBefore) throws SQLException {
        try (PreparedStatement newestFirst = connection.prepareStatement(
                "SELECT global_index, time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index DESC")) {
            newestFirst.setFetchSize(FETCH_SIZE);
            newestFirst.setLong(1, after);
            try (ResultSet rows = newestFirst.executeQuery()) {
                long head = after;
                long above = -1;
                while (rows.next()) {
                    long position = rows.getLong(1);
                    if (above < 0 || above - position > 1) {
                        head = position;
                    }
                    if (Instant.parse(rows.getString(2)).isBefore(settledBefore)) {
                        return head;
                    }
                    above = position;
                }
                return above - after > 1 ? after : head;
            }
        }
    }
}
