package dev.rapport.query.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class ReadModelExportControllerTest {

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(
                    new ReadModelExportController(new ReadModelCsvExport(ProjectionDatabase.dataSource())))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void twoChurnAlerts() {
        ProjectionDatabase.reset();
        jdbc.sql("""
                INSERT INTO churn_alert (customer_id, level, level_rank, raised_at, updated_at, signature) VALUES
                    ('c-2', 'WARNING', 2, '2026-01-05T10:00:00Z', '2026-01-06T10:00:00Z', 'LOW_SATISFACTION::WARNING'),
                    ('c-1', 'CRITICAL', 3, '2026-01-04T10:00:00Z', '2026-01-06T10:00:00Z', 'COMPLAINT_BREACHED:k-1:CRITICAL, "late"')""")
                .update();
    }

    @Test
    void aReadModelIsItsHeaderThenEveryRowInPrimaryKeyOrder() throws Exception {
        MvcResult started = mvc.perform(get("/api/export/read-models/churn_alert.csv")).andExpect(request().asyncStarted()).andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentType(ReadModelExportController.CSV))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"churn_alert.csv\""));

        List<String> lines = started.getResponse().getContentAsString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("customer_id,level,level_rank,raised_at,updated_at,signature");
        assertThat(lines.get(1)).startsWith("c-1,CRITICAL,3,").endsWith(",\"COMPLAINT_BREACHED:k-1:CRITICAL, \"\"late\"\"\"");
        assertThat(lines.get(2)).startsWith("c-2,WARNING,2,").endsWith(",LOW_SATISFACTION::WARNING");
    }

    @Test
    void anEmptyReadModelIsItsHeader() throws Exception {
        MvcResult started = mvc.perform(get("/api/export/read-models/complaint_view.csv")).andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isOk());

        assertThat(started.getResponse().getContentAsString().lines().toList()).singleElement().asString()
                .startsWith("complaint_id,customer_id,category,");
    }

    @Test
    void aNameThatIsNoReadModelIsA404Problem() throws Exception {
        for (String name : List.of("nope", "domain_event_entry", "token_entry", "personal_data_key")) {
            mvc.perform(get("/api/export/read-models/" + name + ".csv"))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("Read model " + name + " does not exist"));
        }
    }

    @Test
    void theListNamesEachReadModelItsProjectionAndItsCsv() throws Exception {
        mvc.perform(get("/api/export/read-models"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(ReadModel.values().length))
                .andExpect(jsonPath("$[0].name").value("customer_view"))
                .andExpect(jsonPath("$[0].projection").value("customer-view"))
                .andExpect(jsonPath("$[0].csv").value("/api/export/read-models/customer_view.csv"));
    }

    @Test
    void everyQuerySideTableIsExportableInTheOrderOfItsPrimaryKey() {
        List<String> tables = jdbc.sql("""
                        SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'flyway_%'
                          AND tablename NOT IN ('domain_event_entry', 'snapshot_event_entry', 'token_entry', 'saga_entry',
                                                'association_value_entry', 'dead_letter_entry', 'event_hash_chain',
                                                'audit_access_log', 'projection_rebuild', 'query_node',
                                                -- the customers' encryption keys: never exported
                                                'personal_data_key',
                                                -- made by ProjectionWritesTest in the same database
                                                'projection_writes_probe')""")
                .query(String.class).list();
        Map<String, String> primaryKeys = jdbc.sql("""
                        SELECT c.relname AS table_name, string_agg(a.attname, ', ' ORDER BY k.ord) AS primary_key
                        FROM pg_constraint p
                        JOIN pg_class c ON c.oid = p.conrelid
                        CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                        WHERE p.contype = 'p' AND c.relname IN (:tables)
                        GROUP BY c.relname""")
                .param("tables", tables)
                .query((rs, row) -> Map.entry(rs.getString("table_name"), rs.getString("primary_key")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(primaryKeys.keySet()).as("every table has a primary key").containsExactlyInAnyOrderElementsOf(tables);
        assertThat(Arrays.stream(ReadModel.values()).collect(Collectors.toMap(ReadModel::table, ReadModel::primaryKey)))
                .isEqualTo(primaryKeys);
    }
}
