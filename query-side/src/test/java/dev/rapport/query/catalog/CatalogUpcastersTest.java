package dev.rapport.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rapport.events.EventRevision;
import dev.rapport.platform.upcasting.EventRevisionResolver;
import dev.rapport.platform.upcasting.StoredEventUpcasters;
import dev.rapport.query.StoredEvents;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * The upcasters the event contract declares (and the catalog lists) are the ones the platform runs:
 * each declared step is done by the named upcaster, and every upcaster is declared.
 */
class CatalogUpcastersTest {

    private final List<Class<?>> revisedEvents = EventContract.onClasspath().events().stream()
            .filter(event -> event.isAnnotationPresent(EventRevision.class)).toList();
    private final Map<String, EventUpcaster> upcastersByName = StoredEventUpcasters.all().stream()
            .collect(Collectors.toMap(upcaster -> upcaster.getClass().getSimpleName(), Function.identity()));

    @Test
    void eachDeclaredStepIsDoneByTheUpcasterItNames() {
        assertThat(revisedEvents).isNotEmpty();
        for (Class<?> event : revisedEvents) {
            for (EventRevision.Upcaster step : event.getAnnotation(EventRevision.class).upcasters()) {
                assertThat(upcastersByName).as(event.getSimpleName() + " names " + step.by()).containsKey(step.by());
                SerializedType from = new SimpleSerializedType(event.getName(), step.from().isEmpty() ? null : step.from());
                assertThat(upcast(upcastersByName.get(step.by()), from))
                        .isEqualTo(new SimpleSerializedType(event.getName(), step.to()));
            }
        }
    }

    @Test
    void everyUpcasterIsDeclaredByTheEventItUpcasts() {
        List<String> declared = new ArrayList<>();
        revisedEvents.forEach(event -> Stream.of(event.getAnnotation(EventRevision.class).upcasters()).map(EventRevision.Upcaster::by)
                .forEach(declared::add));

        assertThat(declared).containsExactlyInAnyOrderElementsOf(upcastersByName.keySet());
    }

    @Test
    void theChainBringsAnEventStoredInItsFirstShapeToTheRevisionWrittenNow() {
        var chain = new EventUpcasterChain(StoredEventUpcasters.all());
        for (Class<?> event : revisedEvents) {
            assertThat(upcast(chain, new SimpleSerializedType(event.getName(), null)).getRevision()).as(event.getSimpleName())
                    .isEqualTo(new EventRevisionResolver().revisionOf(event));
        }
    }

    private static SerializedType upcast(EventUpcaster upcaster, SerializedType stored) {
        var entry = new GenericDomainEventEntry<>("Aggregate", "a-1", 0, "e-1", "2026-01-01T00:00:00Z", stored.getName(),
                stored.getRevision(), "{\"customerId\":\"c-1\"}", "{}");
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(
                Stream.of(new InitialEventRepresentation(entry, StoredEvents.SERIALIZER))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0).getType();
    }
}
