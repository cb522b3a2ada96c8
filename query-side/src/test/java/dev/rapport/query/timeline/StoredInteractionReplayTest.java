package dev.rapport.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.interaction.Sentiment;
import dev.rapport.events.interaction.ServiceScores;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.StoredEvents;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An {@code InteractionLogged} stored before revision 2 (no revision, no {@code language}) is read
 * back through the event store as today's record, with {@code language} null and every other field
 * as stored, and replays into a projection like any other.
 */
class StoredInteractionReplayTest {

    private static final Instant OCCURRED = Instant.parse("2025-03-01T09:30:00Z");
    private static final Instant LOGGED = Instant.parse("2025-03-01T09:35:12.250Z");
    /** The JSON the first shape of the event was stored as. */
    private static final String FIRST_SHAPE = """
            {"interactionId":"i-old","customerId":"c-old","channel":"CALL_CENTRE","direction":"INBOUND","topic":"delivery",\
            "outcome":"parcel resent","handledBy":"emp-7","satisfaction":2,"sentiment":"NEGATIVE",\
            "survey":{"reliability":2,"tangibles":3,"responsiveness":1,"assurance":2,"empathy":3,"overall":2},\
            "complaintId":"k-9","occurredAt":"2025-03-01T09:30:00Z","loggedAt":"2025-03-01T09:35:12.250Z"}""";

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final JdbcEventStorageEngine eventStore = StoredEvents.engine();
    private long position;

    @BeforeEach
    void anInteractionStoredInItsFirstShape() {
        ProjectionDatabase.reset();
        StoredEvents.clear();
        position = StoredEvents.insert(new StoredEvents.Row("event-old", "Interaction", "i-old", 0, "2025-03-01T09:35:12.250Z",
                InteractionLogged.class.getName(), null, FIRST_SHAPE, "{\"actor\":\"emp-7\",\"source\":\"call-centre\"}"));
    }

    @Test
    void projectionsReadItAsTheCurrentRecordWithAnUnknownLanguage() {
        List<? extends TrackedEventMessage<?>> stream = eventStore.readEvents(null, false).toList();

        assertThat(stream).hasSize(1);
        TrackedEventMessage<?> message = stream.get(0);
        assertThat(message.getPayload()).isEqualTo(new InteractionLogged("i-old", "c-old", InteractionChannel.CALL_CENTRE,
                Direction.INBOUND, null, "delivery", "parcel resent", "emp-7", 2, Sentiment.NEGATIVE,
                new ServiceScores(2, 3, 1, 2, 3, 2), "k-9", OCCURRED, LOGGED));
        assertThat(message.getIdentifier()).isEqualTo("event-old");
        assertThat(message.getTimestamp()).isEqualTo(LOGGED);
        assertThat(message.getMetaData()).isEqualTo(MetaData.from(Map.of("actor", "emp-7", "source", "call-centre")));
        assertThat(message.trackingToken().position()).hasValue(position);
    }

    @Test
    void theAggregateIsSourcedFromItToo() {
        List<? extends DomainEventMessage<?>> history = eventStore.readEvents("i-old").asStream().toList();

        assertThat(history).singleElement().satisfies(event -> {
            assertThat(event.getSequenceNumber()).isZero();
            assertThat(((InteractionLogged) event.getPayload()).language()).isNull();
            assertThat(((InteractionLogged) event.getPayload()).survey()).isEqualTo(new ServiceScores(2, 3, 1, 2, 3, 2));
        });
    }

    @Test
    void aReplayedTimelineShowsItAsBefore() {
        var projection = new TimelineFeed(jdbc).projection();
        eventStore.readEvents(null, false).forEach(message -> projection.on(message.getPayload(), message, message.trackingToken()));

        assertThat(jdbc.sql("SELECT summary FROM customer_timeline WHERE position = ?").param(position).query(String.class).single())
                .isEqualTo("Inbound contact via CALL_CENTRE about 'delivery', handled by emp-7, satisfaction 2/5, "
                        + "survey overall 2/5, negative sentiment (follow-up of complaint k-9)");
    }

    @Test
    void newContactsAreStoredAsRevision2WithTheirLanguage() {
        var logged = new InteractionLogged("i-new", "c-old", InteractionChannel.PHONE, Direction.OUTBOUND, "zh-CN", "offer",
                null, "emp-2", null, null, null, null, OCCURRED, LOGGED);
        eventStore.appendEvents(new GenericDomainEventMessage<>("Interaction", "i-new", 0, logged));

        var stored = jdbc.sql("SELECT payload_revision, payload FROM domain_event_entry WHERE aggregate_identifier = 'i-new'")
                .query().singleRow();
        assertThat(stored.get("payload_revision")).isEqualTo("2");
        assertThat((String) stored.get("payload")).contains("\"language\":\"zh-CN\"");
        assertThat(eventStore.readEvents("i-new").asStream().<Object>map(DomainEventMessage::getPayload)).containsExactly(logged);
    }
}
