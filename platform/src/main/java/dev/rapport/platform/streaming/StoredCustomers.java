package dev.rapport.platform.streaming;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;

/**
 * The customer each event read from the log is about, as its row names it: {@code domain_event_entry.customer_id}, set
 * by the database from the payload's {@code customerId} as the event is inserted (V2). Streaming processors pick an
 * event's segment by its customer; read from the row, the customer costs neither the payload's deserialization nor its
 * decryption, which a processor's coordinator would otherwise do for every event before handing it to a segment.
 */
public final class StoredCustomers {

    /** The column read with every tracked event. */
    public static final String COLUMN = "customer_id";

    private StoredCustomers() {
    }

    /** The customer the event's row names; empty for an event not read from the log this way, or whose row names none. */
    public static Optional<String> customerOf(EventMessage<?> event) {
        return event instanceof WithCustomer<?> read ? Optional.ofNullable(read.customerId) : Optional.empty();
    }

    /** {@code read}, which {@code getTrackedEventData} made from a row, with the customer the row names. */
    public static TrackedEventData<?> withCustomer(TrackedEventData<?> read, String customerId) {
        if (customerId == null || !(read instanceof DomainEventData<?> domain)) {
            return read;
        }
        return new RowWithCustomer<>(read.trackingToken(), domain, customerId);
    }

    /**
     * The messages {@code toMessages} makes of {@code rows} (upcast, payloads still serialized), each carrying the
     * customer of its row. Rows and messages are matched by event identifier, which upcasting keeps; a message whose row
     * is not found (an upcaster's invention) carries none and is sequenced by its payload, with the same outcome.
     */
    public static Stream<? extends TrackedEventMessage<?>> tagged(
            Stream<? extends TrackedEventData<?>> rows,
            Function<Stream<? extends TrackedEventData<?>>, Stream<? extends TrackedEventMessage<?>>> toMessages) {
        Map<String, String> customers = new HashMap<>();
        Stream<? extends TrackedEventData<?>> noted = rows.map(row -> {
            if (row instanceof RowWithCustomer<?> tagged) {
                customers.put(tagged.getEventIdentifier(), tagged.customerId);
            }
            return row;
        });
        return toMessages.apply(noted).map(message -> tag(message, customers.remove(message.getIdentifier())));
    }

    private static TrackedEventMessage<?> tag(TrackedEventMessage<?> message, String customerId) {
        return customerId != null && message instanceof DomainEventMessage<?> domain ? withCustomer(message, domain, customerId) : message;
    }

    private static <T> TrackedEventMessage<T> withCustomer(TrackedEventMessage<T> message, DomainEventMessage<?> domain, String customerId) {
        return new WithCustomer<>(message.trackingToken(), domain, message, message::getTimestamp, customerId);
    }

    private static final class RowWithCustomer<T> extends TrackedDomainEventData<T> {

        private final String customerId;

        private RowWithCustomer(TrackingToken token, DomainEventData<T> row, String customerId) {
            super(token, row);
            this.customerId = customerId;
        }
    }

    /** A message read from the log, with the customer its row names; kept when the processor re-tokens it for a batch. */
    private static final class WithCustomer<T> extends GenericTrackedDomainEventMessage<T> {

        private final String customerId;

        private WithCustomer(TrackingToken token, DomainEventMessage<?> domain, Message<T> read, Supplier<Instant> timestamp,
                             String customerId) {
            super(token, domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(), read, timestamp);
            this.customerId = customerId;
        }

        @Override
        public GenericTrackedDomainEventMessage<T> withTrackingToken(TrackingToken trackingToken) {
            return new WithCustomer<>(trackingToken, this, this, this::getTimestamp, customerId);
        }
    }
}
