package dev.rapport.query.complaint;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class ComplaintQueryControllerTest {

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new ComplaintQueryController(new ComplaintViews(jdbc), new ComplaintStatistics(jdbc)))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void fiveComplaints() {
        ProjectionDatabase.reset();
        FiveComplaints.file(new ComplaintViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry()));
    }

    @Test
    void oneComplaint() throws Exception {
        mvc.perform(get("/api/complaints/k-e"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("c-4"))
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.filedAt").value("2026-02-10T00:00:00Z"))
                .andExpect(jsonPath("$.slaBreaches").value(1))
                .andExpect(jsonPath("$.breachesByDeadline.RESOLVE").value(1))
                .andExpect(jsonPath("$.resolvedWithinSla").value(false))
                .andExpect(jsonPath("$.satisfaction").value(4))
                .andExpect(jsonPath("$.recovered").value(false));
    }

    @Test
    void anUnknownComplaintIsNotFound() throws Exception {
        mvc.perform(get("/api/complaints/k-zzz"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("Complaint k-zzz does not exist"));
    }

    @Test
    void pagesGoFromNewestFilingToOldestFollowingNext() throws Exception {
        String first = mvc.perform(get("/api/complaints").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].complaintId").value(contains("k-e", "k-d")))
                .andReturn().getResponse().getContentAsString();
        String next = JsonPath.read(first, "$.next");

        String second = mvc.perform(get("/api/complaints").param("size", "2").param("cursor", next))
                .andExpect(jsonPath("$.items[*].complaintId").value(contains("k-c", "k-b")))
                .andReturn().getResponse().getContentAsString();

        mvc.perform(get("/api/complaints").param("size", "2").param("cursor", (String) JsonPath.read(second, "$.next")))
                .andExpect(jsonPath("$.items[*].complaintId").value(contains("k-a")))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    @Test
    void filtersCombine() throws Exception {
        mvc.perform(get("/api/complaints").param("customerId", "c-1"))
                .andExpect(jsonPath("$.items[*].complaintId").value(contains("k-d", "k-a")));
        mvc.perform(get("/api/complaints").param("customerId", "c-1").param("severity", "HIGH").param("state", "FILED"))
                .andExpect(jsonPath("$.items[*].complaintId").value(contains("k-d")));
        mvc.perform(get("/api/complaints").param("category", "DELIVERY"))
                .andExpect(jsonPath("$.items[*].complaintId").value(contains("k-b", "k-a")));
        mvc.perform(get("/api/complaints").param("customerId", "nobody"))
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    @Test
    void aCursorNotHandedOutOrAnUnknownValueIsABadRequest() throws Exception {
        mvc.perform(get("/api/complaints").param("cursor", "not-a-cursor"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(get("/api/complaints").param("state", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"));
        mvc.perform(get("/api/complaints").param("size", "500"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void statisticsOverAPeriod() throws Exception {
        mvc.perform(get("/api/complaints/stats").param("from", "2026-02-01").param("to", "2026-02-28"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2026-02-01"))
                .andExpect(jsonPath("$.overall.complaints").value(3))
                .andExpect(jsonPath("$.overall.openBySeverity.CRITICAL").value(1))
                .andExpect(jsonPath("$.overall.slaBreaches.RESOLVE").value(1))
                .andExpect(jsonPath("$.overall.meanHoursToAcknowledge").value(2.5))
                .andExpect(jsonPath("$.byCategory[*].category").value(contains("BILLING", "PRODUCT")))
                .andExpect(jsonPath("$.byMonth[0].month").value("2026-02"));
        mvc.perform(get("/api/complaints/stats"))
                .andExpect(jsonPath("$.overall.complaints").value(5))
                .andExpect(jsonPath("$.overall.slaCompliancePercent").value(33.3))
                .andExpect(jsonPath("$.overall.recoveredPercent").value(50.0));
    }

    @Test
    void aPeriodEndingBeforeItStartsOrADateThatIsNotOneIsABadRequest() throws Exception {
        mvc.perform(get("/api/complaints/stats").param("from", "2026-02-01").param("to", "2026-01-31"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(get("/api/complaints/stats").param("from", "February"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }
}
