package dev.rapport.query.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class ChurnAlertControllerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ChurnAlertStream stream = new ChurnAlertStream(ChurnProperties.defaults(), new LiveStreams());
    private final ChurnAlertViews views = new ChurnAlertViews(jdbc);
    private final ChurnAlerts alerts = new ChurnAlerts(jdbc, views, stream);
    private final MockMvc http = MockMvcBuilders.standaloneSetup(new ChurnAlertController(views, stream))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void aCustomersAlertIsServedWithItsReasonsAndSuggestedActions() throws Exception {
        reason("c-1", ChurnReason.TIER_DOWNGRADE, "", ChurnLevel.WATCH, T0);
        reason("c-1", ChurnReason.COMPLAINT, "k-7", ChurnLevel.CRITICAL, T0.plusSeconds(60));

        http.perform(get("/api/customers/{customerId}/churn", "c-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("c-1"))
                .andExpect(jsonPath("$.level").value("CRITICAL"))
                .andExpect(jsonPath("$.raisedAt").value("2026-03-01T08:00:00Z"))
                .andExpect(jsonPath("$.reasons[*].reason").value(contains("COMPLAINT", "TIER_DOWNGRADE")))
                .andExpect(jsonPath("$.reasons[0].source").value("k-7"))
                .andExpect(jsonPath("$.reasons[0].suggestedAction").value("SERVICE_RECOVERY_CALL"))
                .andExpect(jsonPath("$.reasons[1].source").doesNotExist())
                .andExpect(jsonPath("$.reasons[1].suggestedAction").value("TIER_RETENTION_OFFER"));
    }

    @Test
    void aCustomerWithoutAnAlertIsANotFoundProblem() throws Exception {
        http.perform(get("/api/customers/{customerId}/churn", "c-calm"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("Churn alert of customer c-calm does not exist"));
    }

    @Test
    void pagesGoFromTheHighestLevelAndTheOldestAlertWithoutRepeatOrGap() throws Exception {
        reason("c-watch", ChurnReason.UNREACHABLE, "", ChurnLevel.WATCH, T0);
        reason("c-warning-new", ChurnReason.LOW_SATISFACTION, "", ChurnLevel.WARNING, T0.plusSeconds(300));
        reason("c-critical", ChurnReason.COMPLAINT, "k-1", ChurnLevel.CRITICAL, T0.plusSeconds(600));
        reason("c-warning-old", ChurnReason.OVERDUE, "", ChurnLevel.WARNING, T0.plusSeconds(100));
        reason("c-warning-tie", ChurnReason.OVERDUE, "", ChurnLevel.WARNING, T0.plusSeconds(100));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/churn-alerts").param("size", "2");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            String body = http.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            seen.addAll(JsonPath.read(body, "$.items[*].customerId"));
            cursor = JsonPath.read(body, "$.nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("c-critical", "c-warning-old", "c-warning-tie", "c-warning-new", "c-watch");
    }

    @Test
    void minLevelLeavesOutLowerAlerts() throws Exception {
        reason("c-watch", ChurnReason.UNREACHABLE, "", ChurnLevel.WATCH, T0);
        reason("c-warning", ChurnReason.LOW_SATISFACTION, "", ChurnLevel.WARNING, T0);
        reason("c-critical", ChurnReason.COMPLAINT, "k-1", ChurnLevel.CRITICAL, T0);

        http.perform(get("/api/churn-alerts").param("minLevel", "WARNING"))
                .andExpect(jsonPath("$.items[*].customerId").value(contains("c-critical", "c-warning")))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        http.perform(get("/api/churn-alerts").param("minLevel", "CRITICAL"))
                .andExpect(jsonPath("$.items[*].customerId").value(contains("c-critical")))
                .andExpect(jsonPath("$.items[0].reasons[0].reason").value("COMPLAINT"));
        http.perform(get("/api/churn-alerts"))
                .andExpect(jsonPath("$.items.length()").value(3));
    }

    @Test
    void badListParametersAreBadRequestProblems() throws Exception {
        http.perform(get("/api/churn-alerts").param("minLevel", "HIGH"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.errors[0].field").value("minLevel"));
        http.perform(get("/api/churn-alerts").param("cursor", "not a cursor!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        http.perform(get("/api/churn-alerts").param("cursor", "bS1jLTE"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        http.perform(get("/api/churn-alerts").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        http.perform(get("/api/churn-alerts").param("size", "201"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    private void reason(String customerId, ChurnReason reason, String source, ChurnLevel level, Instant raisedAt) {
        jdbc.sql("INSERT INTO churn_reason (customer_id, reason, source, level, detail, raised_at) VALUES (?, ?, ?, ?, 'because', ?)")
                .params(customerId, reason.name(), source, level.name(), Timestamp.from(raisedAt))
                .update();
        alerts.refresh(List.of(customerId), raisedAt);
    }
}
