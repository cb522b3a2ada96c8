package dev.rapport.query.rebuild;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The projection_rebuild rows: one per projection, its last or running rebuild. */
@Component
class RebuildRecord {

    record Row(String projection, RebuildState state, long position, long head, Long swapPosition, long processed,
               Instant startedAt, Instant updatedAt, Instant completedAt, String error) {
    }

    private static final String COLUMNS = "projection, state, position, head, swap_position, processed, started_at, updated_at, "
            + "completed_at, error";

    private final JdbcClient jdbc;

    RebuildRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> find(String projection) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public.projection_rebuild WHERE projection = ?").param(projection)
                .query(RebuildRecord::row).optional();
    }

    /** The row locked to the caller's transaction: two instances never replay the same batch twice over. */
    Optional<Row> lock(String projection) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM public.projection_rebuild WHERE projection = ? FOR UPDATE").param(projection)
                .query(RebuildRecord::row).optional();
    }

    List<String> interrupted() {
        return jdbc.sql("SELECT projection FROM public.projection_rebuild WHERE state IN ('RUNNING', 'TAILING') ORDER BY projection")
                .query(String.class).list();
    }

    void begin(String projection, long head, Instant now) {
        jdbc.sql("""
                        INSERT INTO public.projection_rebuild (projection, state, position, head, processed, started_at, updated_at)
                        VALUES (:projection, 'RUNNING', 0, :head, 0, :now, :now)
                        ON CONFLICT (projection) DO UPDATE SET state = 'RUNNING', position = 0, head = :head, swap_position = NULL,
                            processed = 0, started_at = :now, updated_at = :now, completed_at = NULL, error = NULL""")
                .param("projection", projection).param("head", head).param("now", Timestamp.from(now))
                .update();
    }

    void advance(String projection, long position, long handled, long head, Instant now) {
        jdbc.sql("""
                        UPDATE public.projection_rebuild SET position = ?, processed = processed + ?, head = ?, updated_at = ?
                        WHERE projection = ?""")
                .params(position, handled, head, Timestamp.from(now), projection).update();
    }

    void moveTo(String projection, RebuildState state, Instant now) {
        jdbc.sql("UPDATE public.projection_rebuild SET state = ?, error = NULL, updated_at = ? WHERE projection = ?")
                .params(state.name(), Timestamp.from(now), projection).update();
    }

    void swapped(String projection, long position, Instant now) {
        jdbc.sql("UPDATE public.projection_rebuild SET state = 'TAILING', swap_position = ?, updated_at = ? WHERE projection = ?")
                .params(position, Timestamp.from(now), projection).update();
    }

    void completed(String projection, Instant now) {
        jdbc.sql("UPDATE public.projection_rebuild SET state = 'COMPLETED', updated_at = ?, completed_at = ? WHERE projection = ?")
                .params(Timestamp.from(now), Timestamp.from(now), projection).update();
    }

    void failed(String projection, String error, Instant now) {
        jdbc.sql("UPDATE public.projection_rebuild SET state = 'FAILED', error = ?, updated_at = ? WHERE projection = ?")
                .params(error, Timestamp.from(now), projection).update();
    }

    private static Row row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new Row(rs.getString("projection"), RebuildState.valueOf(rs.getString("state")), rs.getLong("position"),
                rs.getLong("head"), (Long) rs.getObject("swap_position", Long.class), rs.getLong("processed"),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("completed_at")), rs.getString("error"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
