package dev.rapport.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import dev.rapport.platform.streaming.EventArrivals;
import dev.rapport.platform.streaming.StoredCustomers;
import dev.rapport.platform.streaming.WakingEventSource;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's JDBC infrastructure on PostgreSQL, declared by hand: under Spring Boot 4 Axon's own JDBC
 * auto-configuration is ordered against Boot 3 class names and never sees the DataSource.
 * <p>
 * Every Axon table (events, snapshots, tokens, sagas, dead letters) uses the same connection and the
 * same Spring transaction as the read models, so a projection's writes and its token commit together.
 * Flyway owns the tables ({@code db/event-store}); nothing here creates schema.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "dev.rapport.platform.EmbeddedPostgresAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.EventProcessingAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration"})
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonJdbcAutoConfiguration {

    /**
     * Tracking tokens nest other tokens typed by class name (a ReplayToken holds the token at reset):
     * Jackson 3 refuses such polymorphic reads unless the types are allowed. Only Axon's own are.
     */
    @Bean
    Jackson3SerializerCustomizer axonTokenTypes() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }

    @Bean
    SchemaModule eventStoreSchemaModule() {
        return SchemaModule.EVENT_STORE;
    }

    @Bean
    SchemaMigrations schemaMigrations(DataSource dataSource, List<SchemaModule> modules) {
        return new SchemaMigrations(dataSource, modules);
    }

    /**
     * Spring's transaction, which Axon's units of work run in, already gives every JDBC call in it one connection.
     * Axon's {@code UnitOfWorkAwareConnectionProviderWrapper} is left out on purpose: it closed that connection again
     * at the unit of work's cleanup, after the transaction had returned it to the pool, and a second close of a Hikari
     * proxy clears the statement list of whoever borrowed the pooled connection next (ConnectionReleaseTest).
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource, SchemaMigrations migrated) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    @Bean
    EventSchema eventSchema() {
        return eventStoreSchema();
    }

    /** Axon's event and snapshot tables as Flyway creates them (snake_case names). */
    public static EventSchema eventStoreSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Payload and metadata are stored as text: the JSON exactly as serialized, readable with psql and
     * byte-stable (jsonb would reorder keys, which a hash chain over stored bytes cannot allow).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema, PersistenceExceptionResolver exceptionResolver,
                                          Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EventStoreProperties properties) {
        return new WithoutSnapshots(configuration.upcasterChain(), JdbcEventStorageEngine.builder()
                // an aggregate's events have no gaps (its sequence numbers are unique and consecutive), so a batch
                // smaller than batchSize is the last one: Axon's JDBC default reads on until an empty batch, one more
                // round trip for every command on an existing aggregate
                .finalAggregateBatchPredicate(batch -> batch.size() < properties.batchSize())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(String.class)
                .persistenceExceptionResolver(exceptionResolver)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .batchSize(properties.batchSize())
                .gapTimeout((int) properties.gapTimeout().toMillis())
                .gapCleaningThreshold(properties.gapCleaningThreshold())
                .maxGapOffset(properties.maxGapOffset()));
    }

    /**
     * Rapport takes no snapshots (no snapshotter is configured; a customer's would need the privacy serializer), yet
     * Axon reads the snapshot table before every aggregate load: a wasted round trip per command. This engine skips
     * the read and refuses to store one, so a snapshotter added later fails loudly instead of being ignored.
     */
    static final class WithoutSnapshots extends JdbcEventStorageEngine {

        private final EventUpcaster upcasterChain;

        WithoutSnapshots(EventUpcaster upcasterChain, JdbcEventStorageEngine.Builder builder) {
            super(builder);
            this.upcasterChain = upcasterChain;
        }

        /** Tracked events carry the customer their row names, for the processors' sequencing ({@link StoredCustomers}). */
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return StoredCustomers.tagged(readEventData(trackingToken, mayBlock),
                    rows -> EventUtils.upcastAndDeserializeTrackedEvents(rows, getEventSerializer(), upcasterChain));
        }

        @Override
        protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken) throws SQLException {
            return StoredCustomers.withCustomer(super.getTrackedEventData(resultSet, previousToken), resultSet.getString(StoredCustomers.COLUMN));
        }

        // Axon's two statements for tracked events (JdbcEventStorageEngineStatements), with the row's customer
        @Override
        protected PreparedStatement readEventDataWithoutGaps(Connection connection, long globalIndex, int batchSize) throws SQLException {
            EventSchema schema = schema();
            PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + ", "
                    + StoredCustomers.COLUMN + " FROM " + schema.domainEventTable() + " WHERE (" + schema.globalIndexColumn()
                    + " > ? AND " + schema.globalIndexColumn() + " <= ?) ORDER BY " + schema.globalIndexColumn() + " ASC");
            statement.setLong(1, globalIndex);
            statement.setLong(2, globalIndex + batchSize);
            return statement;
        }

        @Override
        protected PreparedStatement readEventDataWithGaps(Connection connection, long globalIndex, int batchSize, List<Long> gaps)
                throws SQLException {
            EventSchema schema = schema();
            PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + ", "
                    + StoredCustomers.COLUMN + " FROM " + schema.domainEventTable() + " WHERE (" + schema.globalIndexColumn()
                    + " > ? AND " + schema.globalIndexColumn() + " <= ?) OR " + schema.globalIndexColumn() + " IN ("
                    + String.join(",", Collections.nCopies(gaps.size(), "?")) + ") ORDER BY " + schema.globalIndexColumn() + " ASC");
            statement.setLong(1, globalIndex);
            statement.setLong(2, globalIndex + batchSize);
            for (int i = 0; i < gaps.size(); i++) {
                statement.setLong(i + 3, gaps.get(i));
            }
            return statement;
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }

        @Override
        protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
            throw new UnsupportedOperationException("Rapport stores no snapshots; see AxonJdbcAutoConfiguration.WithoutSnapshots");
        }
    }

    /**
     * Axon's embedded event store, reading what other nodes appended every poll interval (Axon's default: 1 s).
     * What this node appends is read at once after its commit.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.pollInterval().toMillis())
                .build();
    }

    /** Wakes streaming processors when events arrive; see {@link WakingEventSource}. */
    @Bean(destroyMethod = "close")
    EventArrivals eventArrivals(EventStoreProperties properties) {
        return new EventArrivals(properties.pollInterval());
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema,
                          EventStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(properties.tokenClaimTimeout())
                .nodeId(properties.nodeId())
                .schema(schema)
                .build();
    }

    @Bean
    SagaSchema sagaSchema() {
        return SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build();
    }

    @Bean
    JdbcSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer serializer, SagaSchema schema) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(schema))
                .serializer(serializer)
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    DeadLetterQueues deadLetterQueues(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                      DeadLetterSchema schema, Serializer serializer,
                                      @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new DeadLetterQueues(connectionProvider, transactionManager, schema, serializer, eventSerializer);
    }

    /**
     * A dead-letter queue in PostgreSQL for every processing group that enables it with
     * {@code axon.eventhandling.processors.<name>.dlq.enabled}. (The query side's projections register theirs
     * in code: those properties would also make Axon register the processor itself, replacing their own.)
     */
    @Bean
    ConfigurerModule deadLetterQueueProvider(EventProcessorProperties processorProperties, DeadLetterQueues queues) {
        return new DeadLetterQueueProviderConfigurerModule(processorProperties, processingGroup -> configuration ->
                queues.forProcessingGroup(processingGroup));
    }
}
