package dev.rapport.query;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.rapport.events.privacy.DataSubject;
import dev.rapport.platform.streaming.StoredCustomers;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Projections keep each customer's events in order, across all the aggregates that concern the
 * customer (customer, sales, complaints, membership, interactions), while different customers are
 * handled in parallel: the sequence key is the event's {@link DataSubject}, the customer id. An event read
 * from the log brings it from its row ({@link StoredCustomers}: the database copies it from the payload at
 * insert), so a processor's coordinator needs neither to deserialize nor to decrypt the payload to pick its
 * segment; any other event (a dead letter, a test's) is asked its payload, with the same answer.
 */
public final class CustomerSequencing implements SequencingPolicy<EventMessage<?>> {

    public static final CustomerSequencing INSTANCE = new CustomerSequencing();

    private static final Map<Class<?>, Optional<RecordComponent>> SUBJECTS = new ConcurrentHashMap<>();

    private CustomerSequencing() {
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Optional<String> stored = StoredCustomers.customerOf(event);
        if (stored.isPresent()) {
            return stored.get();
        }
        return customerOf(event.getPayload())
                .map(Object.class::cast)
                .orElseGet(() -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event));
    }

    /** The customer an event is about, when it names one. */
    public static Optional<String> customerOf(Object payload) {
        return SUBJECTS.computeIfAbsent(payload.getClass(), CustomerSequencing::subjectComponent)
                .map(component -> {
                    try {
                        return (String) component.getAccessor().invoke(payload);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static Optional<RecordComponent> subjectComponent(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.isAnnotationPresent(DataSubject.class)).findFirst();
    }
}
