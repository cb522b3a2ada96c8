package dev.rapport.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rapport.events.common.Money;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.customer.PreferenceNoted;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.query.ProjectionDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CustomerTimelineProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final TimelineFeed feed = new TimelineFeed(jdbc);
    private final TimelineViews views = new TimelineViews(jdbc);

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @Test
    void anEventBecomesALineWithItsBusinessTimeActorSourceChannelAndAggregate() {
        feed.deliver(7, "s-1", sale("c-1", "ORD-1", T0));

        assertThat(timeline("c-1")).singleElement().satisfies(entry -> {
            assertThat(entry.position()).isEqualTo(7);
            assertThat(entry.occurredAt()).isEqualTo(T0);
            assertThat(entry.recordedAt()).isEqualTo(TimelineFeed.STORED_AT);
            assertThat(entry.eventType()).isEqualTo("SaleRecorded");
            assertThat(entry.summary()).isEqualTo("Sale ORD-1 recorded: 99.90 CNY via STORE");
            assertThat(entry.actor()).isEqualTo("emp-1");
            assertThat(entry.source()).isEqualTo("crm-web");
            assertThat(entry.channel()).isEqualTo("STORE");
            assertThat(entry.aggregateId()).isEqualTo("s-1");
            assertThat(entry.eventId()).isEqualTo("event-7");
        });
    }

    @Test
    void aRedeliveredEventIsWrittenOnce() {
        feed.deliver(3, "k-1", complaint("c-1", "k-1", T0));
        feed.deliver(3, "k-1", complaint("c-1", "k-1", T0));

        assertThat(timeline("c-1")).hasSize(1);
    }

    @Test
    void personalFreeTextNeverReachesTheTable() {
        feed.deliver(1, "c-1", new PreferenceNoted("c-1", "meal", "no peanuts, severe allergy", "emp-2", T0));
        feed.deliver(2, "k-1", complaint("c-1", "k-1", T0));

        List<String> stored = jdbc.sql("SELECT concat_ws('|', summary, actor, source, channel, aggregate_id) FROM customer_timeline")
                .query(String.class).list();
        assertThat(stored).hasSize(2).noneMatch(row -> row.contains("peanuts") || row.contains("crushed"));
    }

    @Test
    void eachCustomersTimelineIsInOrderWhenCustomersArriveOutOfOrder() {
        // two segments: customer c-2's events are handled before c-1's older ones
        feed.deliver(2, "s-b1", sale("c-2", "B-1", T0.plusSeconds(20)));
        feed.deliver(5, "s-b2", sale("c-2", "B-2", T0.plusSeconds(50)));
        feed.deliver(1, "s-a1", sale("c-1", "A-1", T0.plusSeconds(10)));
        feed.deliver(3, "k-a", complaint("c-1", "k-a", T0.plusSeconds(30)));
        feed.deliver(4, "s-a2", sale("c-1", "A-2", T0.plusSeconds(40)));

        assertThat(timeline("c-1")).extracting(TimelineEntry::position).containsExactly(4L, 3L, 1L);
        assertThat(timeline("c-2")).extracting(TimelineEntry::position).containsExactly(5L, 2L);
    }

    @Test
    void anEventWithoutACustomerIsSkipped() {
        record BatchJobFinished(String job) {
        }
        var payload = new BatchJobFinished("nightly");
        feed.projection().on(payload, GenericEventMessage.asEventMessage(payload), new GlobalSequenceTrackingToken(9));

        assertThat(jdbc.sql("SELECT count(*) FROM customer_timeline").query(Long.class).single()).isZero();
    }

    @Test
    void anEventTypeWithoutASentenceIsStillShownAtTheTimeItWasStored() {
        feed.deliver(11, "c-1", new LoyaltyCardPrinted("c-1"));

        assertThat(timeline("c-1")).singleElement().satisfies(entry -> {
            assertThat(entry.summary()).isEqualTo("LoyaltyCardPrinted happened");
            assertThat(entry.occurredAt()).isEqualTo(TimelineFeed.STORED_AT);
        });
    }

    @Test
    void axonFindsTheHandlerAndGivesItTheLogPosition() throws Exception {
        var payload = sale("c-1", "ORD-9", T0);
        var stored = new GenericDomainEventMessage<>("Sale", "s-9", 0, payload, Map.of("actor", "emp-4"));
        new AnnotationEventHandlerAdapter(feed.projection())
                .handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(42), stored));

        assertThat(timeline("c-1")).singleElement().satisfies(entry -> {
            assertThat(entry.position()).isEqualTo(42);
            assertThat(entry.actor()).isEqualTo("emp-4");
            assertThat(entry.aggregateId()).isEqualTo("s-9");
        });
    }

    @Test
    void aResetEmptiesTheTimelineForAReplay() {
        feed.deliver(1, "s-1", sale("c-1", "ORD-1", T0));
        feed.projection().reset();

        assertThat(timeline("c-1")).isEmpty();
    }

    /** An event type the timeline was never taught; public, as every event is, so its customer can be read. */
    public record LoyaltyCardPrinted(@DataSubject String customerId) {
    }

    private List<TimelineEntry> timeline(String customerId) {
        return views.page(customerId, null, Set.of(), 100);
    }

    static SaleRecorded sale(String customerId, String orderId, Instant at) {
        return new SaleRecorded("s-" + orderId, customerId, orderId, SalesChannel.STORE, List.of(), Money.of("99.9", "CNY"), at,
                at.plusSeconds(5));
    }

    static ComplaintFiled complaint(String customerId, String complaintId, Instant at) {
        return new ComplaintFiled(complaintId, customerId, ComplaintCategory.PRODUCT, Severity.MEDIUM, InteractionChannel.EMAIL,
                "the lid was crushed", at, at.plusSeconds(86_400), at.plusSeconds(7 * 86_400));
    }
}
