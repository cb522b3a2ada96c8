package dev.rapport.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

class AuditControllerTest {

    private final EventLog log = new EventLog();
    private final EventChainVerifier verifier = new EventChainVerifier(ProjectionDatabase.jdbc(),
            new DataSourceTransactionManager(ProjectionDatabase.dataSource()));
    private final MockMvc mvc = MockMvcBuilders
            .standaloneSetup(new AuditController(verifier, new AuditAccessLog(ProjectionDatabase.jdbc(), java.time.Clock.systemUTC()),
                    JsonMapper.builder().build(), 2, Duration.ofMinutes(1)))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    private long third;

    @BeforeEach
    void fiveEvents() {
        log.clear();
        log.append("c-1");
        log.append("c-2");
        third = log.append("c-1");
        log.append("c-2");
        log.append("c-1");
    }

    @Test
    void theWholeLogStreamsProgressThenTheResultAsNdjson() throws Exception {
        long first = third - 2;

        assertThat(streamedLines()).containsExactly(
                "{\"checked\":2,\"position\":" + (first + 1) + "}",
                "{\"checked\":4,\"position\":" + (first + 3) + "}",
                "{\"ok\":true,\"checked\":5,\"lastPosition\":" + (first + 4) + "}");
    }

    @Test
    void theStreamEndsWithTheFirstBreak() throws Exception {
        log.alterOnePayloadByte(third);

        assertThat(streamedLines()).containsExactly(
                "{\"checked\":2,\"position\":" + (third - 1) + "}",
                "{\"ok\":false,\"checked\":2,\"firstBrokenPosition\":" + third + ",\"problem\":\"ALTERED\",\"lastPosition\":"
                        + (third - 1) + "}");
    }

    @Test
    void aCustomersEventsVerify() throws Exception {
        mvc.perform(get("/api/audit/customers/c-1/verify"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.checked").value(3))
                .andExpect(jsonPath("$.lastPosition").value(third + 2))
                .andExpect(jsonPath("$.firstBrokenPosition").doesNotExist())
                .andExpect(jsonPath("$.problem").doesNotExist());
    }

    @Test
    void aCustomersAlteredEventIsNamed() throws Exception {
        log.alterMetadata(third);

        mvc.perform(get("/api/audit/customers/c-1/verify"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.checked").value(1))
                .andExpect(jsonPath("$.firstBrokenPosition").value(third))
                .andExpect(jsonPath("$.problem").value("ALTERED"))
                .andExpect(jsonPath("$.lastPosition").value(third - 2));
    }

    private String[] streamedLines() throws Exception {
        MvcResult started = mvc.perform(get("/api/audit/verify").accept(MediaType.APPLICATION_NDJSON))
                .andExpect(request().asyncStarted())
                .andReturn();
        String body = mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_NDJSON))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).endsWith("\n");
        return body.split("\n");
    }
}
