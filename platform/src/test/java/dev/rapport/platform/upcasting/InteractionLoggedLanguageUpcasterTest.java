package dev.rapport.platform.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The upcaster on stored JSON, as the event store hands it over: text of the first shape in, revision 2 out. */
class InteractionLoggedLanguageUpcasterTest {

    static final String STORED_PAYLOAD = """
            {"interactionId":"i-1","customerId":"c-1","channel":"PHONE","direction":"INBOUND","topic":"delivery",\
            "outcome":"resent","handledBy":"emp-1","satisfaction":4,"sentiment":null,"survey":null,"complaintId":null,\
            "occurredAt":"2026-01-05T10:00:00Z","loggedAt":"2026-01-05T10:01:00Z"}""";

    private final Jackson3Serializer serializer = Jackson3Serializer.builder().revisionResolver(new EventRevisionResolver()).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(StoredEventUpcasters.all());

    @Test
    void aContactStoredBeforeRevision2GainsANullLanguageAndKeepsEverythingElse() {
        IntermediateEventRepresentation upcast = upcastOne(InteractionLoggedLanguageUpcaster.STORED_TYPE, null, STORED_PAYLOAD);

        assertThat(upcast.getType()).isEqualTo(new SimpleSerializedType(InteractionLoggedLanguageUpcaster.STORED_TYPE, "2"));
        JsonNode payload = JsonMapper.shared().readTree(upcast.getData(String.class).getData());
        JsonNode stored = JsonMapper.shared().readTree(STORED_PAYLOAD);
        assertThat(payload.has("language")).isTrue();
        assertThat(payload.get("language").isNull()).isTrue();
        assertThat(payload.size()).isEqualTo(stored.size() + 1);
        stored.properties().forEach(field -> assertThat(payload.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
        assertThat(upcast.getMessageIdentifier()).isEqualTo("event-1");
        assertThat(upcast.getAggregateIdentifier()).contains("i-1");
    }

    @Test
    void aContactAlreadyInRevision2IsLeftAsStored() {
        String current = STORED_PAYLOAD.replace("\"topic\"", "\"language\":\"de-DE\",\"topic\"");
        IntermediateEventRepresentation read = upcastOne(InteractionLoggedLanguageUpcaster.STORED_TYPE, "2", current);

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat(read.getData(String.class).getData()).isEqualTo(current);
    }

    @Test
    void otherEventsAreLeftAsStored() {
        String payload = "{\"customerId\":\"c-1\"}";
        IntermediateEventRepresentation read = upcastOne("dev.rapport.events.customer.CustomerClosed", null, payload);

        assertThat(read.getType().getRevision()).isNull();
        assertThat(read.getData(String.class).getData()).isEqualTo(payload);
    }

    private IntermediateEventRepresentation upcastOne(String type, String revision, String payload) {
        var stored = new GenericDomainEventEntry<>("Interaction", "i-1", 0, "event-1", "2026-01-05T10:01:00Z", type,
                revision, payload, "{}");
        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }
}
