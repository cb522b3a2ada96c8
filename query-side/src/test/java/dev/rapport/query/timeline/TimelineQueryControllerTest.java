package dev.rapport.query.timeline;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class TimelineQueryControllerTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final TimelineFeed feed = new TimelineFeed(jdbc);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new TimelineQueryController(new TimelineViews(jdbc)))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void fiveEventsOfOneCustomer() {
        ProjectionDatabase.reset();
        feed.deliver(10, "s-1", CustomerTimelineProjectionTest.sale("c-1", "ORD-1", T0));
        feed.deliver(12, "k-1", CustomerTimelineProjectionTest.complaint("c-1", "k-1", T0.plusSeconds(60)));
        feed.deliver(13, "s-x", CustomerTimelineProjectionTest.sale("c-2", "ORD-X", T0.plusSeconds(90)));
        feed.deliver(15, "s-2", CustomerTimelineProjectionTest.sale("c-1", "ORD-2", T0.plusSeconds(120)));
        feed.deliver(18, "s-3", CustomerTimelineProjectionTest.sale("c-1", "ORD-3", T0.plusSeconds(180)));
        feed.deliver(21, "k-2", CustomerTimelineProjectionTest.complaint("c-1", "k-2", T0.plusSeconds(240)));
    }

    @Test
    void pagesGoFromNewestToOldestAndTheLastHasNoNext() throws Exception {
        mvc.perform(get("/api/customers/c-1/timeline").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].position").value(org.hamcrest.Matchers.contains(21, 18)))
                .andExpect(jsonPath("$.items[0].eventType").value("ComplaintFiled"))
                .andExpect(jsonPath("$.items[0].summary").value("Complaint filed (PRODUCT, MEDIUM) via EMAIL"))
                .andExpect(jsonPath("$.items[0].occurredAt").value("2026-01-05T10:04:00Z"))
                .andExpect(jsonPath("$.items[0].actor").value("emp-1"))
                .andExpect(jsonPath("$.next").value(18));
        mvc.perform(get("/api/customers/c-1/timeline").param("size", "2").param("before", "18"))
                .andExpect(jsonPath("$.items[*].position").value(org.hamcrest.Matchers.contains(15, 12)))
                .andExpect(jsonPath("$.next").value(12));
        mvc.perform(get("/api/customers/c-1/timeline").param("size", "2").param("before", "12"))
                .andExpect(jsonPath("$.items[*].position").value(org.hamcrest.Matchers.contains(10)))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    @Test
    void aPageExactlyAsLongAsWhatIsLeftIsTheLast() throws Exception {
        mvc.perform(get("/api/customers/c-1/timeline").param("size", "5"))
                .andExpect(jsonPath("$.items", hasSize(5)))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    @Test
    void typesFilterTheEntries() throws Exception {
        mvc.perform(get("/api/customers/c-1/timeline").param("types", "ComplaintFiled"))
                .andExpect(jsonPath("$.items[*].position").value(org.hamcrest.Matchers.contains(21, 12)));
        mvc.perform(get("/api/customers/c-1/timeline").param("types", "SaleRecorded, ComplaintFiled").param("size", "3"))
                .andExpect(jsonPath("$.items[*].position").value(org.hamcrest.Matchers.contains(21, 18, 15)))
                .andExpect(jsonPath("$.next").value(15));
    }

    @Test
    void anUnknownCustomerHasAnEmptyTimeline() throws Exception {
        mvc.perform(get("/api/customers/nobody/timeline"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    @Test
    void anUnknownEventTypeIsABadRequest() throws Exception {
        mvc.perform(get("/api/customers/c-1/timeline").param("types", "SaleRecorded,SaleCancelled"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("types"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown event type(s): SaleCancelled"));
    }

    @Test
    void aPageSizeOutOfRangeOrAPositionThatIsNotANumberIsABadRequest() throws Exception {
        mvc.perform(get("/api/customers/c-1/timeline").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/customers/c-1/timeline").param("size", "201"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/customers/c-1/timeline").param("before", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("before"));
    }
}
