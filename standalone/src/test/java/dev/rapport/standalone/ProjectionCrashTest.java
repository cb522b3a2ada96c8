package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.rapport.command.CommandSideApplication;
import dev.rapport.command.customer.ProfileDetails;
import dev.rapport.command.customer.RegisterCustomer;
import dev.rapport.command.interaction.LogInteraction;
import dev.rapport.command.loyalty.EnrolMember;
import dev.rapport.command.sales.RecordRefund;
import dev.rapport.command.sales.RecordSale;
import dev.rapport.command.sales.SaleIds;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.query.Projections;
import dev.rapport.query.churn.ChurnEvaluation;
import dev.rapport.query.consistency.ProjectionPositions;
import dev.rapport.query.rebuild.ReadModelDigest;
import dev.rapport.query.rebuild.RebuildableProjections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A query side killed with SIGKILL in the middle of projecting a large log, then started again, ends
 * with exactly the read model a clean rebuild gives: nothing applied twice, nothing skipped. That holds
 * because a projection's rows and its token commit in one transaction; a killed batch is rolled back
 * whole and handled again.
 * <p>
 * The log is written by the command side deployed alone (no projections), so the projecting process
 * starts on a log it has not seen. It is a separate JVM on the same PostgreSQL, which this test owns.
 */
class ProjectionCrashTest {

    private static final int CUSTOMERS = 1_200;
    private static final int SALES_PER_CUSTOMER = 6;
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @Test
    void aQuerySideKilledMidProjectionResumesToExactlyTheReadModelOfACleanRebuild() throws Exception {
        try (ExternalPostgres postgres = ExternalPostgres.start("crash")) {
            try (var writer = start(CommandSideApplication.class, postgres)) {
                writeTheLog(writer);
            }
            JdbcClient jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    postgres.jdbcUrl(), "postgres", ""));
            long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isGreaterThanOrEqualTo(20_000);
            assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name IN (:names)")
                    .param("names", Projections.NAMES).query(Long.class).single()).as("no projection has run yet").isZero();

            Process child = ChildApplication.start(StandaloneApplication.class.getName(), Path.of("target/crash-child.log"),
                    arguments(postgres));
            try {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                    assertThat(child.isAlive()).as("the child application runs (see target/crash-child.log)").isTrue();
                    return customersInView(jdbc) >= CUSTOMERS / 5;
                });
                child.destroyForcibly();
                assertThat(child.waitFor()).as("exit status of a process ended by SIGKILL (128 + 9)").isEqualTo(137);
                long projected = customersInView(jdbc);
                System.out.println("Killed the query side with " + projected + " of " + CUSTOMERS + " customers projected");
                assertThat(projected).as("killed mid-way").isBetween((long) CUSTOMERS / 5, (long) CUSTOMERS * 4 / 5);
            } finally {
                child.destroyForcibly();
            }

            try (var app = start(StandaloneApplication.class, postgres)) {
                ProjectionPositions positions = app.getBean(ProjectionPositions.class);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> Projections.NAMES.stream()
                        .allMatch(projection -> positions.hasProcessed(projection, head, Optional.empty())));
                // customer_view.churn_level is written by the churn projection, which runs independently of the
                // customer-view projection; the scheduled evaluation aligns it (here run once, as the schedule would)
                assertThat(app.getBean(ChurnEvaluation.class).evaluate()).isPresent();
                RebuildableProjections projections = app.getBean(RebuildableProjections.class);
                Map<String, String> resumed = ReadModelDigest.of(jdbc, projections);
                assertNothingAppliedTwice(jdbc);

                Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
                for (String projection : Projections.NAMES) {
                    assertThat(http.post("/api/admin/projections/" + projection + "/rebuild", "", Map.of()).status()).isEqualTo(202);
                }
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> Projections.NAMES.stream().allMatch(projection -> {
                    String state = http.get("/api/admin/projections/" + projection + "/rebuild").json().get("state").asString();
                    assertThat(state).as(projection + " rebuild").isNotEqualTo("FAILED");
                    return state.equals("COMPLETED");
                }));
                assertThat(ReadModelDigest.of(jdbc, projections)).as("the resumed read model equals a clean rebuild").isEqualTo(resumed);
            }
        }
    }

    /** Figures a doubly applied (or skipped) event would change, checked against the log itself. */
    private static void assertNothingAppliedTwice(JdbcClient jdbc) {
        assertThat(jdbc.sql("SELECT count(*) FROM customer_view").query(Long.class).single()).isEqualTo(CUSTOMERS);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM customer_view v
                        FULL JOIN (SELECT payload::jsonb ->> 'customerId' AS customer_id, count(*) AS sales FROM domain_event_entry
                                   WHERE payload_type = 'dev.rapport.events.sales.SaleRecorded' GROUP BY 1) s USING (customer_id)
                        WHERE coalesce(v.purchase_count, -1) <> coalesce(s.sales, 0)""").query(Long.class).single())
                .as("customers whose purchase count differs from their SaleRecorded events").isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM membership_view m
                        FULL JOIN (SELECT payload::jsonb ->> 'membershipId' AS membership_id,
                                          sum(CASE WHEN payload_type LIKE '%.PointsEarned' THEN (payload::jsonb ->> 'points')::bigint ELSE 0 END) AS earned,
                                          sum(CASE WHEN payload_type LIKE '%.PointsEarned' THEN (payload::jsonb ->> 'points')::bigint
                                                   ELSE -(payload::jsonb ->> 'points')::bigint END) AS balance
                                   FROM domain_event_entry
                                   WHERE payload_type IN ('dev.rapport.events.loyalty.PointsEarned', 'dev.rapport.events.loyalty.PointsReversed',
                                                          'dev.rapport.events.loyalty.PointsRedeemed', 'dev.rapport.events.loyalty.PointsExpired')
                                   GROUP BY 1) p USING (membership_id)
                        WHERE coalesce(m.points_balance, -1) <> coalesce(p.balance, 0) OR coalesce(m.lifetime_earned, -1) <> coalesce(p.earned, 0)""")
                .query(Long.class).single())
                .as("memberships whose balance or lifetime points differ from the sum of their points events").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM customer_timeline").query(Long.class).single())
                .as("one timeline entry per event of a customer, none twice (the position is the key)")
                .isEqualTo(jdbc.sql("SELECT count(DISTINCT position) FROM customer_timeline").query(Long.class).single());
    }

    private static void writeTheLog(ConfigurableApplicationContext writer) throws Exception {
        CommandGateway commands = writer.getBean(CommandGateway.class);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> stories = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = "crash-%05d".formatted(i);
            stories.add(senders.submit(() -> tellTheStoryOf(commands, customer)));
        }
        for (Future<?> story : stories) {
            story.get();
        }
        senders.shutdown();
        JdbcClient jdbc = jdbc(writer);
        // the loyalty policy earns points for each sale on its own processor: wait until it has, so the log is complete
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() ->
                jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'dev.rapport.events.loyalty.PointsEarned'")
                        .query(Long.class).single() == (long) CUSTOMERS * SALES_PER_CUSTOMER
                        && jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'dev.rapport.events.loyalty.PointsReversed'")
                        .query(Long.class).single() == CUSTOMERS);
    }

    private static void tellTheStoryOf(CommandGateway commands, String customer) {
        commands.sendAndWait(new RegisterCustomer(customer, new ProfileDetails("Customer " + customer, CustomerType.INDIVIDUAL,
                customer + "@example.com", null, ContactChannel.EMAIL, "en", "Region " + customer.charAt(customer.length() - 1),
                null, null, null, List.of("crash"))));
        commands.sendAndWait(EnrolMember.forCustomer(customer));
        for (int sale = 1; sale <= SALES_PER_CUSTOMER; sale++) {
            commands.sendAndWait(new RecordSale(SaleIds.of(customer, "order-" + sale), customer, "order-" + sale, SalesChannel.STORE,
                    "CNY", null, BigDecimal.valueOf(40L * sale + Math.floorMod(customer.hashCode(), 7), 2).add(BigDecimal.TEN),
                    Instant.now()));
        }
        commands.sendAndWait(new LogInteraction("interaction-" + customer, customer, InteractionChannel.PHONE, Direction.INBOUND,
                "en", "delivery question", "answered", "agent-1", 1 + Math.floorMod(customer.hashCode(), 5), null, null, null,
                Instant.now()));
        commands.sendAndWait(new RecordRefund(SaleIds.of(customer, "order-1"), "refund-1", new BigDecimal("5.00"), "CNY",
                "late delivery", Instant.now()));
    }

    private static long customersInView(JdbcClient jdbc) {
        boolean migrated = jdbc.sql("SELECT to_regclass('public.customer_view') IS NOT NULL").query(Boolean.class).single();
        return migrated ? jdbc.sql("SELECT count(*) FROM customer_view").query(Long.class).single() : 0;
    }

    private static List<String> arguments(ExternalPostgres postgres) {
        return List.of("--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=postgres",
                "--server.port=0", "--spring.application.name=rapport-crash-child",
                // time-based jobs stay out of the comparison with a rebuild
                "--rapport.segments.initial-delay=PT24H", "--rapport.churn.evaluation-initial-delay=PT24H");
    }

    private static ConfigurableApplicationContext start(Class<?> application, ExternalPostgres postgres) {
        // as arguments: they must win over the application's own properties (server.port in particular)
        return new SpringApplicationBuilder(application).run(arguments(postgres).toArray(String[]::new));
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class);
    }
}
