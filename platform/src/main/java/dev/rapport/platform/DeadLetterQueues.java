package dev.rapport.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;

/** Makes the PostgreSQL dead-letter queue ({@code dead_letter_entry}) of a processing group. */
public class DeadLetterQueues {

    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final DeadLetterSchema schema;
    private final Serializer serializer;
    private final Serializer eventSerializer;

    DeadLetterQueues(ConnectionProvider connectionProvider, TransactionManager transactionManager, DeadLetterSchema schema,
                     Serializer serializer, Serializer eventSerializer) {
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.schema = schema;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
    }

    public SequencedDeadLetterQueue<EventMessage<?>> forProcessingGroup(String processingGroup) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
    }
}
