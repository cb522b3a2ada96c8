package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Flyway, not Axon, creates Axon's tables. This proves the hand-written schema is the one Axon
 * expects: same tables and columns as Axon's own DDL for the configured schema objects, and each
 * store (events, tokens, sagas, dead letters) works on it.
 */
@SpringBootTest(classes = AxonSchemaTest.PlatformOnly.class,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class AxonSchemaTest {

    private static final List<String> TABLES = List.of("domain_event_entry", "snapshot_event_entry", "token_entry",
            "saga_entry", "association_value_entry", "dead_letter_entry");

    /** Columns Rapport adds to Axon's tables (filled by the database, invisible to Axon). */
    private static final Map<String, Set<String>> RAPPORT_COLUMNS = Map.of("domain_event_entry", Set.of("customer_id"));

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlatformOnly {
    }

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired EventSchema eventSchema;
    @Autowired DeadLetterSchema deadLetterSchema;
    @Autowired TokenSchema tokenSchema;
    @Autowired SagaSchema sagaSchema;
    @Autowired TokenStore tokenStore;
    @Autowired JdbcSagaStore sagaStore;
    @Autowired ConnectionProvider connectionProvider;
    @Autowired TransactionManager transactionManager;
    @Autowired Serializer serializer;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;

    @Test
    void flywayCreatesTheTablesAndColumnsAxonWouldCreate() throws Exception {
        jdbc.sql("DROP SCHEMA IF EXISTS axon_reference CASCADE").update();
        jdbc.sql("CREATE SCHEMA axon_reference").update();
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("SET search_path TO axon_reference");
            var single = new SingleConnectionDataSource(connection, true);
            ConnectionProvider reference = single::getConnection;
            JdbcEventStorageEngine.builder().connectionProvider(reference).transactionManager(NoTransactionManager.INSTANCE)
                    .schema(eventSchema).build().createSchema(PostgresEventTableFactory.INSTANCE);
            ((JdbcTokenStore) JdbcTokenStore.builder().connectionProvider(reference).serializer(serializer)
                    .schema(tokenSchema).build()).createSchema(PostgresTokenTableFactory.INSTANCE);
            JdbcSequencedDeadLetterQueue.builder().processingGroup("p").connectionProvider(reference)
                    .transactionManager(NoTransactionManager.INSTANCE).schema(deadLetterSchema)
                    .genericSerializer(serializer).eventSerializer(eventSerializer).build()
                    .createSchema(new GenericDeadLetterTableFactory() {
                        @Override
                        protected String serializedDataType() {
                            return "BYTEA"; // Axon's generic DDL says BLOB, which PostgreSQL lacks
                        }
                    });
            JdbcSagaStore.builder().connectionProvider(reference).sqlSchema(new PostgresSagaSqlSchema(sagaSchema))
                    .serializer(serializer).build().createSchema();
            // the connection goes back to the pool: left on axon_reference, it would send another test to tables
            // without Rapport's triggers
            connection.createStatement().execute("RESET search_path");
        }

        for (String table : TABLES) {
            Set<String> ours = columns("public", table);
            ours.removeAll(RAPPORT_COLUMNS.getOrDefault(table, Set.of()));
            assertThat(ours).as(table).isNotEmpty().isEqualTo(columns("axon_reference", table));
        }
    }

    @Test
    void tokensSagasAndDeadLettersWorkOnTheFlywaySchema() {
        String processor = "schema-test-" + UUID.randomUUID();
        transactionManager.executeInTransaction(() -> {
            tokenStore.initializeTokenSegments(processor, 2);
            tokenStore.storeToken(new GlobalSequenceTrackingToken(41), processor, 1);
        });
        assertThat(transactionManager.fetchInTransaction(() -> tokenStore.fetchToken(processor, 1)))
                .isEqualTo(new GlobalSequenceTrackingToken(41));

        String sagaId = UUID.randomUUID().toString();
        transactionManager.executeInTransaction(() -> sagaStore.insertSaga(String.class, sagaId, "a saga",
                Set.of(new AssociationValue("customerId", "c-1"))));
        assertThat(sagaStore.findSagas(String.class, new AssociationValue("customerId", "c-1"))).contains(sagaId);
        assertThat(sagaStore.loadSaga(String.class, sagaId).saga()).isEqualTo("a saga");

        var queue = JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder().processingGroup("schema-test")
                .connectionProvider(connectionProvider).transactionManager(transactionManager).schema(deadLetterSchema)
                .genericSerializer(serializer).eventSerializer(eventSerializer).build();
        queue.enqueue("customer-1", new GenericDeadLetter<>("customer-1",
                GenericEventMessage.asEventMessage(Map.of("poison", true)), new IllegalStateException("boom")));
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.contains("customer-1")).isTrue();
    }

    @Test
    void theGlobalIndexComesFromTheTablesOwnPositionSequenceOneAtATime() {
        var sequence = jdbc.sql("""
                        SELECT s.seqcache, s.seqincrement FROM pg_sequence s
                        WHERE s.seqrelid = 'domain_event_entry_position'::regclass""")
                .query().singleRow();
        assertThat(sequence).containsEntry("seqcache", 1L).containsEntry("seqincrement", 1L);
    }

    @Test
    void aReplayTokenSurvivesTheTokenStore() {
        // a processor started on an existing log stores ReplayTokens, which nest a token typed by class name
        var replay = org.axonframework.eventhandling.ReplayToken.createReplayToken(
                new org.axonframework.eventhandling.GapAwareTrackingToken(7, Set.of(5L)));
        String processor = "replay-" + UUID.randomUUID();
        transactionManager.executeInTransaction(() -> {
            tokenStore.initializeTokenSegments(processor, 1);
            tokenStore.storeToken(replay, processor, 0);
        });

        assertThat(transactionManager.fetchInTransaction(() -> tokenStore.fetchToken(processor, 0))).isEqualTo(replay);
    }

    @Test
    void everyStoredEventIsIndexedByItsCustomer() {
        jdbc.sql("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload, meta_data)
                VALUES ('e-1', 'a-1', 0, 'Test', '2026-01-01T00:00:00Z', 'x.Y', '{"customerId":"c-42","other":1}', '{}')""").update();

        assertThat(jdbc.sql("SELECT customer_id FROM domain_event_entry WHERE event_identifier = 'e-1'").query(String.class).single())
                .isEqualTo("c-42");
        jdbc.sql("DELETE FROM domain_event_entry WHERE event_identifier = 'e-1'").update();
    }

    private Set<String> columns(String schema, String table) {
        return new TreeSet<>(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")
                .params(schema, table).query(String.class).list());
    }

}
