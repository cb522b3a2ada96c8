package dev.rapport.platform.web;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies lineage onto every message dispatched while another is handled: actor, source and
 * idempotency key travel unchanged; the correlation id stays that of the conversation; the causation
 * id is the id of the message being handled. So each stored event names the command that caused it.
 */
public class MessageLineage implements CorrelationDataProvider {

    /**
     * A unit of work that dispatches nothing (a projection's batch) may hold this resource: its lineage is then not
     * computed. Axon asks for it after every message handled, for a result message nobody reads, and reading the lineage
     * deserializes the handled event's metadata.
     */
    public static final String NOT_NEEDED = MessageLineage.class.getName() + ".notNeeded";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().resources().containsKey(NOT_NEEDED)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        for (String key : new String[]{CommandMetadata.ACTOR, CommandMetadata.SOURCE, CommandMetadata.IDEMPOTENCY_KEY}) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        Object correlation = message.getMetaData().get(CommandMetadata.CORRELATION_ID);
        data.put(CommandMetadata.CORRELATION_ID, correlation != null ? correlation : message.getIdentifier());
        data.put(CommandMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
