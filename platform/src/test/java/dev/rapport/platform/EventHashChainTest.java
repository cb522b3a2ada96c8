package dev.rapport.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database links every appended event to the one before it (V3__event_hash_chain.sql), positioning and linking
 * it when its transaction commits (V5__link_events_at_commit.sql): consecutive and concurrent appends, Axon's own
 * appends, rolled-back appends, and events stored before the migration.
 * Shares {@link AxonSchemaTest}'s application context (and database); other tests' events may precede these.
 */
@SpringBootTest(classes = AxonSchemaTest.PlatformOnly.class,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class EventHashChainTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final byte[] GENESIS = new byte[32];

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired EventStorageEngine eventStorageEngine;
    @Autowired TransactionManager transactionManager;

    @Test
    void eachAppendIsLinkedToTheLinkBelowIt() {
        long first = append(jdbc, "c-1");
        long second = append(jdbc, "c-2");

        assertThat(link(second).previousHash()).isEqualTo(link(first).hash());
        assertThat(link(first).previousHash()).isEqualTo(hashBelow(first));
        assertThat(link(first).hash()).isEqualTo(expectedHash(jdbc, first, link(first).previousHash()));
        assertThat(link(second).hash()).isEqualTo(expectedHash(jdbc, second, link(first).hash()));
    }

    @Test
    void everyRowOfAMultiRowInsertIsLinkedInPositionOrder() {
        String aggregate = "multi-" + UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, time_stamp,
                            payload_type, payload, meta_data)
                        SELECT gen_random_uuid()::text, ?, n, '2026-01-01T00:00:00Z', 'x.Y', '{"customerId":"c-m"}', NULL
                        FROM generate_series(0, 2) AS n""")
                .param(aggregate).update();
        List<Long> positions = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregate).query(Long.class).list();

        assertThat(positions).isSorted().hasSize(3);
        assertThat(positions.get(2) - positions.get(0)).isEqualTo(2);
        assertThat(link(positions.get(1)).previousHash()).isEqualTo(link(positions.get(0)).hash());
        assertThat(link(positions.get(2)).previousHash()).isEqualTo(link(positions.get(1)).hash());
        assertThat(link(positions.get(2)).hash()).isEqualTo(expectedHash(jdbc, positions.get(2), link(positions.get(1)).hash()));
    }

    @Test
    void axonsOwnAppendsAreLinked() {
        String aggregate = "axon-" + UUID.randomUUID();
        transactionManager.executeInTransaction(() -> eventStorageEngine.appendEvents(List.of(
                new GenericDomainEventMessage<>("Test", aggregate, 0, Map.of("customerId", "c-axon")),
                new GenericDomainEventMessage<>("Test", aggregate, 1, Map.of("customerId", "c-axon")))));

        List<Long> positions = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY global_index")
                .param(aggregate).query(Long.class).list();
        assertThat(positions).hasSize(2);
        assertThat(link(positions.get(1)).previousHash()).isEqualTo(link(positions.get(0)).hash());
        assertThat(link(positions.get(1)).hash()).isEqualTo(expectedHash(jdbc, positions.get(1), link(positions.get(0)).hash()));
    }

    @Test
    void concurrentAppendsArePositionedAndLinkedInCommitOrder() throws Exception {
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            String firstInserted = insert(first, "c-first");
            String secondInserted = insert(second, "c-second");

            second.commit();
            first.commit();

            long secondPosition = position(jdbc, secondInserted);
            long firstPosition = position(jdbc, firstInserted);
            assertThat(firstPosition).isEqualTo(secondPosition + 1);
            assertThat(link(firstPosition).previousHash()).isEqualTo(link(secondPosition).hash());
        }
    }

    @Test
    void aCommitWaitsForTheChainLockThenLinksToTheLinkBelow() throws Exception {
        try (Connection appender = dataSource.getConnection(); Connection holder = dataSource.getConnection()) {
            appender.setAutoCommit(false);
            holder.setAutoCommit(false);
            String inserted = insert(appender, "c-waiting");
            holder.createStatement().execute("SELECT pg_advisory_xact_lock(x'457674436861696E'::bigint)");
            int appenderPid = backendPid(appender);

            CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                try {
                    appender.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(PATIENCE).until(() -> waitsForAnAdvisoryLock(appenderPid));
            assertThat(commit).isNotDone();

            holder.commit();
            commit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            long appended = position(jdbc, inserted);
            assertThat(link(appended).previousHash()).isEqualTo(hashBelow(appended));
            assertThat(link(appended).hash()).isEqualTo(expectedHash(jdbc, appended, hashBelow(appended)));
        }
    }

    @Test
    void aRolledBackAppendDrawsNoPositionAndLeavesNoLink() throws Exception {
        long before = append(jdbc, "c-before");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, "c-rolled-back");
            connection.rollback();
        }
        long after = append(jdbc, "c-after");

        assertThat(jdbc.sql("SELECT count(*) FROM event_hash_chain WHERE global_index > ? AND global_index < ?")
                .params(before, after).query(Long.class).single()).isZero();
        assertThat(link(after).previousHash()).isEqualTo(link(before).hash());
    }

    @Test
    void anAppendUnderRepeatableReadIsRefused() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThatThrownBy(() -> insert(connection, "c-rr")).hasMessageContaining("READ COMMITTED");
            connection.rollback();
        }
    }

    @Test
    void eventsStoredBeforeTheMigrationAreLinkedInPositionOrder() throws Exception {
        jdbc.sql("DROP SCHEMA IF EXISTS chain_backfill CASCADE").update();
        try (Connection connection = dataSource.getConnection()) {
            try {
                var single = new SingleConnectionDataSource(connection, true);
                JdbcClient backfill = JdbcClient.create(single);
                migrate(single, "2");
                backfill.sql("SET search_path TO chain_backfill").update();
                long first = append(backfill, "c-old");
                long gone = append(backfill, "c-old");
                long third = append(backfill, "c-old");
                backfill.sql("DELETE FROM domain_event_entry WHERE global_index = ?").param(gone).update();

                migrate(single, "latest");
                backfill.sql("SET search_path TO chain_backfill").update();

                assertThat(backfill.sql("SELECT global_index FROM event_hash_chain ORDER BY global_index").query(Long.class).list())
                        .containsExactly(first, third);
                byte[] firstHash = expectedHash(backfill, first, GENESIS);
                assertThat(link(backfill, first).previousHash()).isEqualTo(GENESIS);
                assertThat(link(backfill, first).hash()).isEqualTo(firstHash);
                assertThat(link(backfill, third).previousHash()).isEqualTo(firstHash);
                assertThat(link(backfill, third).hash()).isEqualTo(expectedHash(backfill, third, firstHash));
            } finally {
                connection.createStatement().execute("RESET search_path");
            }
        }
        jdbc.sql("DROP SCHEMA chain_backfill CASCADE").update();
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).schemas("chain_backfill").locations("classpath:db/event-store")
                .target(target).load().migrate();
    }

    /** Stores an event (auto-commit) and answers the position it got at its commit. */
    private static long append(JdbcClient client, String customerId) {
        String eventId = UUID.randomUUID().toString();
        client.sql(INSERT).params(eventId, UUID.randomUUID().toString(), payload(customerId)).query(Long.class).single();
        return position(client, eventId);
    }

    /** Inserts an event in the connection's open transaction; answers its event identifier. */
    private static String insert(Connection connection, String customerId) throws SQLException {
        String eventId = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, payload(customerId));
            try (ResultSet provisional = insert.executeQuery()) {
                provisional.next();
                assertThat(provisional.getLong(1)).as("position before the commit").isNegative();
            }
        }
        return eventId;
    }

    private static long position(JdbcClient client, String eventId) {
        return client.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?").param(eventId)
                .query(Long.class).single();
    }

    private static final String INSERT = """
            INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                payload_type, payload_revision, payload, meta_data)
            VALUES (?, ?, 0, 'Test', '2026-01-01T00:00:00Z', 'x.Happened', '1', ?, '{"actor":"täst"}')
            RETURNING global_index""";

    private static String payload(String customerId) {
        return "{\"customerId\":\"" + customerId + "\",\"note\":\"ünïcødé\"}";
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (ResultSet pid = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    private boolean waitsForAnAdvisoryLock(int pid) {
        return jdbc.sql("SELECT count(*) FROM pg_locks WHERE pid = ? AND locktype = 'advisory' AND NOT granted")
                .param(pid).query(Long.class).single() > 0;
    }

    private Link link(long position) {
        return link(jdbc, position);
    }

    private static Link link(JdbcClient client, long position) {
        return client.sql("SELECT previous_hash, hash FROM event_hash_chain WHERE global_index = ?").param(position)
                .query((rs, row) -> new Link(rs.getBytes("previous_hash"), rs.getBytes("hash"))).single();
    }

    private byte[] hashBelow(long position) {
        return jdbc.sql("SELECT hash FROM event_hash_chain WHERE global_index < ? ORDER BY global_index DESC LIMIT 1")
                .param(position).query(byte[].class).optional().orElse(GENESIS);
    }

    /** The link's hash computed here from the stored columns, pinning the canonical form. */
    private static byte[] expectedHash(JdbcClient client, long position, byte[] previousHash) {
        List<String> fields = client.sql("""
                        SELECT payload_type, payload_revision, aggregate_identifier, sequence_number, time_stamp, payload, meta_data
                        FROM domain_event_entry WHERE global_index = ?""")
                .param(position)
                .query((rs, row) -> IntStream.rangeClosed(1, 7)
                        .mapToObj(column -> nullAsEmpty(rs, column)).toList())
                .single();
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash);
            return sha256.digest(String.join("\u001f", fields).getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullAsEmpty(ResultSet row, int column) {
        try {
            String value = row.getString(column);
            return value == null ? "" : value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Link(byte[] previousHash, byte[] hash) {
    }
}
