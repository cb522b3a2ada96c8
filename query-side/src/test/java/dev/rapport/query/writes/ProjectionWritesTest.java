package dev.rapport.query.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Batched projection writes: sent at the end, in the order of each key's statements. */
class ProjectionWritesTest {

    private static final String INSERT = "INSERT INTO projection_writes_probe (key, value) VALUES (:key, :value)";
    private static final String APPEND_X = "UPDATE projection_writes_probe SET value = value || 'x' WHERE key = :key";
    private static final String APPEND_Y = "UPDATE projection_writes_probe SET value = value || 'y' WHERE key = :key";

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ProjectionWrites writes = ProjectionDatabase.writes();

    @BeforeEach
    void anEmptyTable() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS projection_writes_probe (key text PRIMARY KEY, value text NOT NULL)").update();
        jdbc.sql("TRUNCATE projection_writes_probe").update();
    }

    @Test
    void theWritesGoAtTheEndAndEachKeyKeepsTheOrderOfItsStatements() {
        int seenDuringTheWork = writes.batched(() -> {
            for (String key : new String[]{"a", "b", "c"}) {
                writes.write(key, INSERT, Map.of("key", key, "value", key + ":"));
            }
            // the same statement twice for one key, another in between: a batch per statement would reorder them
            for (String sql : new String[]{APPEND_X, APPEND_Y, APPEND_X}) {
                writes.write("a", sql, Map.of("key", "a"));
                writes.write("b", APPEND_Y, Map.of("key", "b"));
            }
            return count();
        });

        assertThat(seenDuringTheWork).as("nothing written before the end").isZero();
        assertThat(jdbc.sql("SELECT key || '=' || value FROM projection_writes_probe ORDER BY key").query(String.class).list())
                .containsExactly("a=a:xyx", "b=b:yyy", "c=c:");
    }

    @Test
    void aKeysRunOfOneStatementGoesInOneRoundTripInItsOrder() {
        RoundTrips roundTrips = new RoundTrips();
        ProjectionWrites counted = new ProjectionWrites(roundTrips);
        counted.batched(() -> {
            counted.write("a", INSERT, Map.of("key", "a", "value", "a:"));
            counted.write("b", INSERT, Map.of("key", "b", "value", "b:"));
            // a customer with many purchases in one batch: its run of the same statement must not take a round trip each
            for (int i = 0; i < 10; i++) {
                counted.write("a", i % 5 == 4 ? APPEND_Y : APPEND_X, Map.of("key", "a"));
            }
            counted.write("b", APPEND_X, Map.of("key", "b"));
            return null;
        });

        assertThat(jdbc.sql("SELECT key || '=' || value FROM projection_writes_probe ORDER BY key").query(String.class).list())
                .containsExactly("a=a:xxxxyxxxxy", "b=b:x");
        // the inserts; a's four x with b's x; a's y; a's four x; a's y
        assertThat(roundTrips.count).isEqualTo(5);
    }

    /** Spring's template over the real database, counting the statements and batches it sends. */
    private static final class RoundTrips extends NamedParameterJdbcTemplate {
        int count;

        RoundTrips() {
            super(ProjectionDatabase.dataSource());
        }

        @Override
        public int update(String sql, SqlParameterSource parameters) {
            count++;
            return super.update(sql, parameters);
        }

        @Override
        public int[] batchUpdate(String sql, SqlParameterSource[] batchArgs) {
            count++;
            return super.batchUpdate(sql, batchArgs);
        }
    }

    @Test
    void outsideABatchEachWriteRunsAtOnce() {
        writes.write("a", INSERT, Map.of("key", "a", "value", "now"));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void workThatFailsWritesNothing() {
        assertThatThrownBy(() -> writes.batched(() -> {
            writes.write("a", INSERT, Map.of("key", "a", "value", "never"));
            throw new IllegalStateException("a handler failed");
        })).hasMessage("a handler failed");
        assertThat(count()).isZero();
        writes.write("a", INSERT, Map.of("key", "a", "value", "later"));
        assertThat(count()).as("the failed batch left nothing pending on this thread").isEqualTo(1);
    }

    @Test
    void aStatementThatMustNotWaitIsRefusedWhileBatching() {
        assertThatThrownBy(() -> writes.batched(() -> {
            writes.now("TRUNCATE projection_writes_probe");
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    private int count() {
        return jdbc.sql("SELECT count(*) FROM projection_writes_probe").query(Integer.class).single();
    }
}
