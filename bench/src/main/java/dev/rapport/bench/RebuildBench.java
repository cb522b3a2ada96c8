package dev.rapport.bench;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;

/**
 * Figure 2 (rebuild). Every projection rebuilt through the admin API, in turn and then all at once, timed from the POST
 * until the status says COMPLETED (replayed, swapped, and the live processor past the swap). Baselines: a plain
 * sequential read of the same rows (JDBC, ORDER BY global_index, fetch size 1,000, every column read) and COPY TO.
 */
final class RebuildBench {

    /** Seconds and events of one rebuild. */
    record Timing(String projection, double seconds, long events) {
        double perSecond() {
            return events / seconds;
        }
    }

    private final Api api;
    private final Database database;

    RebuildBench(Api api, Database database) {
        this.api = api;
        this.database = database;
    }

    List<String> projections() {
        List<String> names = new ArrayList<>();
        api.call(api.get("/api/admin/projections", null)).forEach(p -> names.add(p.get("projection").asString()));
        return names;
    }

    Timing inTurn(String projection) throws InterruptedException {
        long start = System.nanoTime();
        api.call(api.post("/api/admin/projections/" + projection + "/rebuild", "{}"));
        JsonNode status = awaitCompleted(projection);
        return new Timing(projection, (System.nanoTime() - start) / 1e9, status.get("processed").asLong());
    }

    /** All projections at once: the time until the last one completed, the events each replayed, summed. */
    Timing concurrently(List<String> projections) throws InterruptedException {
        long start = System.nanoTime();
        for (String projection : projections) {
            api.call(api.post("/api/admin/projections/" + projection + "/rebuild", "{}"));
        }
        long events = 0;
        for (String projection : projections) {
            events += awaitCompleted(projection).get("processed").asLong();
        }
        return new Timing("all " + projections.size() + " at once", (System.nanoTime() - start) / 1e9, events);
    }

    private JsonNode awaitCompleted(String projection) throws InterruptedException {
        while (true) {
            JsonNode status = api.call(api.get("/api/admin/projections/" + projection + "/rebuild", null));
            String state = status.get("state").asString();
            if (state.equals("COMPLETED")) {
                return status;
            }
            if (state.equals("FAILED")) {
                throw new IllegalStateException("rebuild of " + projection + " failed: " + status);
            }
            Thread.sleep(100);
        }
    }

    /** The plain sequential read: events/s and seconds. */
    Timing sequentialRead() throws Exception {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            long chars = 0;
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1_000);
                try (ResultSet result = statement.executeQuery("""
                        SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
                               payload_revision, payload, meta_data FROM domain_event_entry ORDER BY global_index""")) {
                    while (result.next()) {
                        rows++;
                        for (int column = 2; column <= 10; column++) {
                            String value = result.getString(column);
                            chars += value == null ? 0 : value.length();
                        }
                    }
                }
            }
            connection.commit();
            return new Timing("sequential read (" + chars / 1_000_000 + " M chars)", (System.nanoTime() - start) / 1e9, rows);
        }
    }

    Timing copyOut() throws Exception {
        try (Connection connection = database.connect()) {
            long start = System.nanoTime();
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT * FROM domain_event_entry ORDER BY global_index) TO STDOUT", OutputStream.nullOutputStream());
            return new Timing("COPY TO", (System.nanoTime() - start) / 1e9, rows);
        }
    }
}
