package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import dev.rapport.platform.upcasting.EventRevisionResolver;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Axon's auto-configuration takes the platform's revision resolver for its serializers and the
 * platform's upcasters into the chain the event store reads through (same context as {@link AxonSchemaTest}).
 */
@SpringBootTest(classes = AxonSchemaTest.PlatformOnly.class,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class EventUpcastingWiringTest {

    @Autowired RevisionResolver revisionResolver;
    @Autowired @Qualifier("eventSerializer") Serializer eventSerializer;
    @Autowired Configuration axon;

    @Test
    void revisionsComeFromTheEventContractsAnnotation() {
        assertThat(revisionResolver).isInstanceOf(EventRevisionResolver.class);
        assertThat(eventSerializer.typeForClass(String.class).getRevision()).isNull();
    }

    @Test
    void theEventStoresUpcasterChainUpcastsStoredEvents() {
        var stored = new GenericDomainEventEntry<>("Interaction", "i-1", 0, "event-1", "2026-01-05T10:01:00Z",
                "dev.rapport.events.interaction.InteractionLogged", null, "{\"interactionId\":\"i-1\",\"customerId\":\"c-1\"}", "{}");

        var upcast = axon.upcasterChain().upcast(Stream.of(new InitialEventRepresentation(stored, eventSerializer))).toList();

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            assertThat(event.getData(String.class).getData()).contains("\"language\":null");
        });
    }
}
