package dev.rapport.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.StoredEvents;
import dev.rapport.query.catalog.EventCatalog;
import dev.rapport.platform.privacy.PersonalDataKeys;
import dev.rapport.platform.privacy.PersonalDataProtection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventExportControllerTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(20);
    private static final String SALE = "dev.rapport.events.sales.SaleRecorded";
    private static final String CLOSED = "dev.rapport.events.customer.CustomerClosed";
    private static final String INTERACTION = "dev.rapport.events.interaction.InteractionLogged";
    private static final String AN_HOUR_AGO = NOW.minusSeconds(3600).toString();

    /** Two rows per fetch, so every export here spans several batches of the cursor. */
    private final EventExport export = new EventExport(ProjectionDatabase.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC), GAP_TIMEOUT, 2,
            new PersonalDataProtection(new PersonalDataKeys(ProjectionDatabase.jdbc(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30))));
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new EventExportController(export, new EventCatalog()))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void fiveStoredEvents() {
        StoredEvents.clear();
        store("s-1", SALE, null, "{\"saleId\":\"s-1\",\"customerId\":\"c-1\",\"total\":{\"amount\":\"12.50\",\"currency\":\"CNY\"}}");
        store("i-1", INTERACTION, null, "{\"interactionId\":\"i-1\",\"customerId\":\"c-1\",\"topic\":\"delivery\"}");
        store("s-2", SALE, null, "{\"saleId\":\"s-2\",\"customerId\":\"c-2\"}");
        store("i-2", INTERACTION, "2", "{\"interactionId\":\"i-2\",\"customerId\":\"c-2\",\"language\":\"zh-CN\"}");
        store("c-1", CLOSED, null, "{\"customerId\":\"c-1\",\"reason\":\"MOVED\"}");
    }

    @Test
    void everyEventIsOneLineInPositionOrderWithItsPayloadAndMetadataAsJson() throws Exception {
        List<JsonNode> lines = export("/api/export/events");

        assertThat(lines).extracting(line -> line.get("position").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode first = lines.get(0);
        assertThat(first.get("eventId").asString()).isEqualTo("event-s-1");
        assertThat(first.get("type").asString()).isEqualTo(SALE);
        assertThat(first.get("revision").isNull()).isTrue();
        assertThat(first.get("aggregateId").asString()).isEqualTo("s-1");
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(first.get("timestamp").asString()).isEqualTo(AN_HOUR_AGO);
        assertThat(first.get("customerId").asString()).isEqualTo("c-1");
        assertThat(first.get("payload").isObject()).as("payload embedded as JSON, not as a string").isTrue();
        assertThat(first.get("payload").get("total").get("amount").asString()).isEqualTo("12.50");
        assertThat(first.get("metadata").isObject()).isTrue();
        assertThat(first.get("metadata").get("actor").asString()).isEqualTo("emp-1");
        assertThat(lines.get(3).get("revision").asString()).isEqualTo("2");
        assertThat(lines.get(3).get("payload").get("language").asString()).isEqualTo("zh-CN");
    }

    @Test
    void theLastPositionReceivedResumesTheExport() throws Exception {
        List<JsonNode> firstPart = export("/api/export/events?to=2");
        long resumeFrom = firstPart.get(firstPart.size() - 1).get("position").asLong();
        List<JsonNode> rest = export("/api/export/events?from=" + resumeFrom);

        assertThat(firstPart).extracting(line -> line.get("position").asLong()).containsExactly(1L, 2L);
        assertThat(rest).extracting(line -> line.get("position").asLong()).containsExactly(3L, 4L, 5L);
        assertThat(export("/api/export/events?from=5")).isEmpty();
    }

    @Test
    void typesSelectEventsBySimpleOrStoredName() throws Exception {
        assertThat(export("/api/export/events?types=SaleRecorded")).extracting(line -> line.get("aggregateId").asString())
                .containsExactly("s-1", "s-2");
        assertThat(export("/api/export/events?types=" + INTERACTION + ",CustomerClosed&from=2"))
                .extracting(line -> line.get("aggregateId").asString()).containsExactly("i-2", "c-1");
    }

    @Test
    void anUnknownSimpleTypeOrAnEndBeforeTheStartIsA400() throws Exception {
        mvc.perform(get("/api/export/events").param("types", "SaleRecorded,SaleCancelled"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("types"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown event type(s): SaleCancelled"));
        mvc.perform(get("/api/export/events").param("from", "4").param("to", "3"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    void itStopsBeforeARecentGapThatMayStillBeFilledAndPassesAnAbandonedOne() throws Exception {
        skipPosition();                                                  // 6: a transaction that may still commit
        store("s-3", SALE, null, "{\"saleId\":\"s-3\",\"customerId\":\"c-3\"}", NOW.minusSeconds(5).toString());
        assertThat(export("/api/export/events")).extracting(line -> line.get("position").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(export("/api/export/events?from=5")).isEmpty();

        StoredEvents.clear();
        store("s-1", SALE, null, "{\"saleId\":\"s-1\",\"customerId\":\"c-1\"}");
        skipPosition();                                                  // 2: rolled back an hour ago
        store("s-2", SALE, null, "{\"saleId\":\"s-2\",\"customerId\":\"c-1\"}");
        assertThat(export("/api/export/events")).extracting(line -> line.get("position").asLong()).containsExactly(1L, 3L);
    }

    @Test
    void aRecentEventRightAfterTheResumePointWaitsForTheGapBeforeIt() throws Exception {
        skipPosition();                                                  // 6
        store("s-3", SALE, null, "{\"saleId\":\"s-3\",\"customerId\":\"c-3\"}", NOW.toString());

        assertThat(export("/api/export/events?from=5")).isEmpty();
        assertThat(export("/api/export/events?from=6")).extracting(line -> line.get("position").asLong()).containsExactly(7L);
    }

    private List<JsonNode> export(String uri) throws Exception {
        MvcResult started = mvc.perform(get(uri)).andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentType(EventExportController.NDJSON));
        String body = started.getResponse().getContentAsString();
        assertThat(body).as("every line ends with a newline").matches("(?s)|.*\n");
        return Arrays.stream(body.split("\n")).filter(line -> !line.isEmpty()).map(JsonMapper.shared()::readTree).toList();
    }

    private static void store(String aggregateId, String type, String revision, String payload) {
        store(aggregateId, type, revision, payload, AN_HOUR_AGO);
    }

    private static void store(String aggregateId, String type, String revision, String payload, String timestamp) {
        StoredEvents.insert(new StoredEvents.Row("event-" + aggregateId, "Aggregate", aggregateId, 0, timestamp, type, revision,
                payload, "{\"actor\":\"emp-1\"}"));
    }

    private static void skipPosition() {
        ProjectionDatabase.jdbc().sql("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))")
                .query(Long.class).single();
    }
}
