package dev.rapport.query;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.rapport.events.privacy.DataSubject;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Projections keep each customer's events in order, across all the aggregates that concern the
 * customer (customer, sales, complaints, membership, interactions), while different customers are
 * handled in parallel: the sequence key is the event's {@link DataSubject}, the customer id.
 */
public final class CustomerSequencing implements SequencingPolicy<EventMessage<?>> {

    public static final CustomerSequencing INSTANCE = new CustomerSequencing();

    private static final Map<Class<?>, Optional<RecordComponent>> SUBJECTS = new ConcurrentHashMap<>();

    private CustomerSequencing() {
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
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
