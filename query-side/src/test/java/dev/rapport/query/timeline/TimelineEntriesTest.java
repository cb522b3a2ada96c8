package dev.rapport.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import dev.rapport.events.common.Money;
import dev.rapport.events.complaint.Compensation;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintResolved;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SalesChannel;
import org.junit.jupiter.api.Test;

class TimelineEntriesTest {

    private static final Path CATALOG = Path.of("../docs/event-catalog.md");
    private static final Pattern EVENT_CLASS = Pattern.compile("^`(dev\\.rapport\\.events\\.[\\w.]+)` · revision", Pattern.MULTILINE);
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void everyEventInTheCatalogHasItsOwnSentenceAndBusinessTime() throws Exception {
        List<Class<?>> events = catalogEvents();
        assertThat(events).hasSizeGreaterThan(30);
        for (Class<?> event : events) {
            assertThat(TimelineEntries.describes(event)).as(event.getSimpleName() + " has a sentence").isTrue();
            TimelineEntries.Description entry = TimelineEntries.describe(SampleEvents.filled(event));
            assertThat(entry.summary()).as(event.getSimpleName())
                    .isNotBlank()
                    .isNotEqualTo(TimelineEntries.fallback(event))
                    .doesNotContain("null");
            assertThat(entry.occurredAt()).as(event.getSimpleName() + " business time").isEqualTo(SampleEvents.TIME);
        }
        assertThat(TimelineEntries.eventTypes()).hasSameSizeAs(events);
    }

    @Test
    void noSentenceQuotesPersonalData() throws Exception {
        for (Class<?> event : catalogEvents()) {
            assertThat(TimelineEntries.describe(SampleEvents.filled(event)).summary())
                    .as(event.getSimpleName()).doesNotContain(SampleEvents.PERSONAL);
        }
    }

    @Test
    void anEventWithEveryOptionalPartMissingStillReads() throws Exception {
        for (Class<?> event : catalogEvents()) {
            assertThatCode(() -> TimelineEntries.describe(SampleEvents.sparse(event))).as(event.getSimpleName())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void sentencesReadAsAPersonWouldWriteThem() {
        assertThat(summary(new SaleRecorded("s-1", "c-1", "ORD-1", SalesChannel.WEB, List.of(), Money.of("2560", "CNY"), T, T)))
                .isEqualTo("Sale ORD-1 recorded: 2,560.00 CNY via WEB");
        assertThat(summary(new ComplaintFiled("k-1", "c-1", ComplaintCategory.DELIVERY, Severity.HIGH,
                InteractionChannel.CALL_CENTRE, "the parcel was crushed", T, T, T)))
                .isEqualTo("Complaint filed (DELIVERY, HIGH) via CALL_CENTRE");
        assertThat(summary(new InteractionLogged("i-1", "c-1", InteractionChannel.PHONE, Direction.INBOUND, "zh-CN", "invoice",
                "the invoice was resent", "emp-2", 4, null, null, null, T, T)))
                .isEqualTo("Inbound contact via PHONE in zh-CN about 'invoice', handled by emp-2, satisfaction 4/5");
        assertThat(summary(new TierUpgraded("m-1", "c-1", Tier.BASE, Tier.SILVER, 2600, 4, "points", T)))
                .isEqualTo("Tier upgraded BASE → SILVER (2,600 qualifying points, 4 purchases in 12 months)");
        assertThat(summary(new ComplaintSlaBreached("k-1", "c-1", SlaDeadline.RESOLVE, T, T.plusSeconds(19_800), 19_800)))
                .isEqualTo("SLA breached: RESOLVE was due by 2026-01-05 10:00 UTC, 5 h 30 min overdue");
        assertThat(summary(new ComplaintResolved("k-1", "c-1", "we replaced the parcel", new Compensation(500L, null, "V-9"),
                "emp-3", T, false, T.plusSeconds(3 * 86_400))))
                .isEqualTo("Complaint resolved by emp-3 (late), compensation: 500 bonus points, voucher V-9; "
                        + "follow-up due by 2026-01-08 10:00 UTC");
    }

    @Test
    void anUnknownEventReadsAsItsTypeWithoutATime() {
        record SomethingNew(String customerId) {
        }
        TimelineEntries.Description entry = TimelineEntries.describe(new SomethingNew("c-1"));
        assertThat(entry.summary()).isEqualTo("SomethingNew happened");
        assertThat(entry.occurredAt()).isNull();
    }

    private static String summary(Object event) {
        return TimelineEntries.describe(event).summary();
    }

    private static List<Class<?>> catalogEvents() throws IOException {
        var matcher = EVENT_CLASS.matcher(Files.readString(CATALOG));
        List<Class<?>> events = new java.util.ArrayList<>();
        while (matcher.find()) {
            try {
                events.add(Class.forName(matcher.group(1)));
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the catalog names a class that does not exist: " + matcher.group(1), e);
            }
        }
        return events;
    }
}
