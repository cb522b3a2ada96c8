package dev.rapport.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.rapport.query.churn.ChurnEvaluation;
import dev.rapport.query.consistency.ProjectionPositions;
import dev.rapport.standalone.StandaloneApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blue/green rebuilds against a projection built live: a story of more than 10,000 events goes through
 * the command side, the live projections catch up, and each rebuilt projection must then hold exactly
 * the same rows (compared as text, in primary-key order), under the same index and constraint names.
 * <p>
 * The columns of customer_view that the projection does not write are left out of the comparison:
 * churn_level (the churn projection) and the segment columns (the segmentation job, kept from running
 * here). The rebuild carries them over from the live table at the swap rather than replaying them; they
 * are compared on their own. churn-alerts is rebuilt with time-based reasons in place (the evaluation runs
 * once before the comparison), which the log cannot give and the swap carries over.
 * <p>
 * In this package (not the standalone's) to reach the rebuilder's batch step for the resume test.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                // its own application context and database, closed after the class: the story is large
                "spring.application.name=rapport-projection-rebuild",
                "rapport.segments.initial-delay=PT24H",
                // evaluated once, by the test, before the live tables are compared
                "rapport.churn.evaluation-initial-delay=PT24H"})
@org.springframework.test.annotation.DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildTest {

    private static final int CUSTOMERS = 1_000;
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    RebuildableProjections projections;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    ChurnEvaluation churnEvaluation;

    /** The test user of standalone/src/test/resources/config/application.properties: rebuilds (data-team) and queries (reader). */
    private static final String TEST_USER = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("test:test-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private Map<String, String> liveContents;
    private Map<String, String> liveSchema;

    @BeforeAll
    void aStoryIsBuiltLive() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> stories = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = "rebuild-%04d".formatted(i);
            stories.add(senders.submit(() -> story().tellTheStoryOf(customer)));
        }
        for (Future<?> story : stories) {
            story.get();
        }
        senders.shutdown();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> story().everyProcessorHasReachedTheHead());
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isGreaterThanOrEqualTo(10_000);
        assertThat(churnEvaluation.evaluate()).isPresent();
        assertThat(jdbc.sql("SELECT count(DISTINCT reason) FROM churn_reason WHERE reason IN ('OVERDUE', 'LOW_SATISFACTION')")
                .query(Long.class).single()).as("time-based and event-driven churn reasons to rebuild").isEqualTo(2);
        liveContents = contents();
        liveSchema = schema();
    }

    @Test
    @Order(1)
    void everyProjectionCanBeRebuiltAndUnknownProjectionsDoNotExist() {
        assertThat(post("/api/admin/projections/no-such-thing/rebuild").statusCode()).isEqualTo(404);
        assertThat(get("/api/admin/projections/no-such-thing/rebuild").statusCode()).isEqualTo(404);
        assertThat(json(get("/api/admin/projections")).findValuesAsString("projection"))
                .containsExactlyInAnyOrderElementsOf(dev.rapport.query.Projections.NAMES);
    }

    @Test
    @Order(2)
    void everyRebuiltProjectionEqualsTheOneBuiltLiveWhileQueriesKeepAnswering() {
        long oid = jdbc.sql("SELECT 'public.customer_view'::regclass::oid::bigint").query(Long.class).single();
        for (RebuildableProjection projection : projections.all()) {
            var started = post("/api/admin/projections/" + projection.name() + "/rebuild");
            assertThat(started.statusCode()).isEqualTo(202);
            var again = post("/api/admin/projections/" + projection.name() + "/rebuild");
            assertThat(json(again).get("startedAt")).as("a second request returns the running rebuild")
                    .isEqualTo(json(started).get("startedAt"));
            awaitCompletedWhileQueriesAnswer(projection.name());
        }
        assertThat(jdbc.sql("SELECT 'public.customer_view'::regclass::oid::bigint").query(Long.class).single())
                .as("customer_view was swapped for a new table").isNotEqualTo(oid);
        assertThat(contents()).isEqualTo(liveContents);
        assertThat(schema()).isEqualTo(liveSchema);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%' OR nspname LIKE 'retired\\_%'")
                .query(Long.class).single()).isZero();
        JsonNode status = json(get("/api/admin/projections/customer-view/rebuild"));
        assertThat(status.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(status.get("position").asLong()).isEqualTo(status.get("head").asLong());
        assertThat(json(get("/actuator/metrics/rapport.rebuild.processed?tag=projection:customer-view"))
                .get("measurements").get(0).get("value").asDouble()).isEqualTo(status.get("processed").asDouble());
    }

    @Test
    @Order(3)
    void anInterruptedRebuildContinuesFromItsPosition() {
        rebuilder.prepare("complaint-view");
        assertThat(rebuilder.replayBatch("complaint-view")).as("caught up after one batch").isFalse();
        JsonNode interrupted = json(get("/api/admin/projections/complaint-view/rebuild"));
        assertThat(interrupted.get("processed").asLong()).isEqualTo(ProjectionRebuilder.BATCH_SIZE);

        rebuilder.resumeInterrupted();
        JsonNode resumed = json(post("/api/admin/projections/complaint-view/rebuild"));
        assertThat(resumed.get("startedAt")).as("what a restart does, then the same rebuild again")
                .isEqualTo(interrupted.get("startedAt"));
        assertThat(resumed.get("processed").asLong()).isGreaterThanOrEqualTo(ProjectionRebuilder.BATCH_SIZE);
        awaitCompletedWhileQueriesAnswer("complaint-view");

        JsonNode completed = json(get("/api/admin/projections/complaint-view/rebuild"));
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?")
                .param(completed.get("position").asLong()).query(Long.class).single();
        assertThat(completed.get("processed").asLong()).as("every event replayed once, none twice").isEqualTo(events);
        assertThat(contents()).isEqualTo(liveContents);
        assertThat(schema()).isEqualTo(liveSchema);
    }

    @Test
    @Order(4)
    void aRebuildWhileCommandsKeepComingLosesNothing() throws Exception {
        AtomicBoolean rebuilt = new AtomicBoolean();
        AtomicInteger told = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        assertThat(post("/api/admin/projections/customer-view/rebuild").statusCode()).isEqualTo(202);
        List<Future<?>> busy = IntStream.range(0, 4).<Future<?>>mapToObj(i -> senders.submit(() -> {
            while (!rebuilt.get()) {
                story().tellTheStoryOf("during-%05d".formatted(told.incrementAndGet()));
            }
        })).toList();
        awaitCompletedWhileQueriesAnswer("customer-view");
        rebuilt.set(true);
        for (Future<?> sender : busy) {
            sender.get();
        }
        senders.shutdown();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> story().everyProcessorHasReachedTheHead());
        Map<String, String> afterTheBusyRebuild = contents();

        assertThat(post("/api/admin/projections/customer-view/rebuild").statusCode()).isEqualTo(202);
        awaitCompletedWhileQueriesAnswer("customer-view");
        assertThat(told.get()).as("stories told during the first rebuild").isPositive();
        assertThat(contents()).as("the quiet rebuild equals the one swapped in while the live processor kept writing")
                .isEqualTo(afterTheBusyRebuild);
        assertThat(jdbc.sql("SELECT count(*) FROM customer_view WHERE customer_id LIKE 'during-%'").query(Long.class).single())
                .isEqualTo(told.get());
    }

    private void awaitCompletedWhileQueriesAnswer(String projection) {
        String someone = "rebuild-0007";
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(get("/api/customers/" + someone).statusCode()).as("queries answer during the rebuild").isEqualTo(200);
            JsonNode status = json(get("/api/admin/projections/" + projection + "/rebuild"));
            assertThat(status.get("state").asString()).isNotEqualTo("FAILED");
            return status.get("state").asString().equals("COMPLETED");
        });
        System.out.println("Rebuilt: " + get("/api/admin/projections/" + projection + "/rebuild").body());
    }

    /** Each table's row count and a digest of its rows as text, in primary-key order; none of them empty. */
    private Map<String, String> contents() {
        Map<String, String> contents = ReadModelDigest.of(jdbc, projections);
        assertThat(contents.values()).noneMatch(digest -> digest.startsWith("0 rows"));
        return contents;
    }

    /** Each table's columns, indexes and constraints, by name and definition. */
    private Map<String, String> schema() {
        Map<String, String> schema = new LinkedHashMap<>();
        for (RebuildableProjection projection : projections.all()) {
            for (String table : projection.tables()) {
                schema.put(table + " columns", String.join("\n", jdbc.sql("""
                                SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                                       || ' ' || coalesce(generation_expression, '')
                                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""")
                        .param(table).query(String.class).list()));
                schema.put(table + " indexes", String.join("\n", jdbc.sql(
                                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ? ORDER BY indexname")
                        .param(table).query(String.class).list()));
                schema.put(table + " constraints", String.join("\n", jdbc.sql("""
                                SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                                WHERE conrelid = ('public.' || ?)::regclass ORDER BY conname""")
                        .param(table).query(String.class).list()));
            }
        }
        return schema;
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    private HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).header("Authorization", TEST_USER).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private RebuildStory story() {
        return new RebuildStory(commands, jdbc, positions);
    }
}
