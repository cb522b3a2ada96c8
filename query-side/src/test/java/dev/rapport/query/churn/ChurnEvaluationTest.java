package dev.rapport.query.churn;

import static dev.rapport.query.churn.ChurnTables.churnLevelOnCustomerView;
import static dev.rapport.query.churn.ChurnTables.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** OVERDUE and SPEND_DROP, found by the scheduled evaluation with a fixed clock over purchases inserted here. */
class ChurnEvaluationTest {

    private static final Instant DAY_0 = Instant.parse("2025-06-01T12:00:00Z");

    private final DataSource dataSource = ProjectionDatabase.dataSource();
    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ChurnProperties properties = ChurnProperties.defaults();
    private final ChurnAlertStream stream = new ChurnAlertStream(properties, new LiveStreams());
    private final ChurnAlertViews views = new ChurnAlertViews(jdbc);
    private final ChurnAlerts alerts = new ChurnAlerts(jdbc, views, stream);

    @BeforeEach
    void aCustomerOnTheCustomerView() {
        ProjectionDatabase.reset();
        ChurnTables.customerView(jdbc, "c-1");
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void overdueIsMeasuredAgainstTheCustomersOwnMedianInterval() {
        purchases("c-1", 0, 10, 20, 50);

        assertThat(evaluateOn(50 + 19)).isEmpty();

        assertThat(evaluateOn(50 + 21).orElseThrow().level()).isEqualTo(ChurnLevel.WARNING);
        ChurnAlert.Reason overdue = reason(ChurnReason.OVERDUE);
        assertThat(overdue.detail()).isEqualTo("no purchase since 2025-07-21; usually one every 10.0 days");
        assertThat(overdue.suggestedAction()).isEqualTo(RetentionAction.WIN_BACK_OFFER);
        assertThat(overdue.raisedAt()).isEqualTo(day(50 + 21));
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("WARNING");

        ChurnAlert critical = evaluateOn(50 + 41).orElseThrow();
        assertThat(critical.level()).isEqualTo(ChurnLevel.CRITICAL);
        assertThat(critical.raisedAt()).as("raised when first found").isEqualTo(day(50 + 21));
        assertThat(critical.updatedAt()).isEqualTo(day(50 + 41));
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("CRITICAL");
    }

    @Test
    void aCustomerWithOnePurchaseIsWatchedAfter180DaysAndWarnedAfter365() {
        purchases("c-1", 0);

        assertThat(evaluateOn(180)).isEmpty();
        assertThat(evaluateOn(181).orElseThrow().level()).isEqualTo(ChurnLevel.WATCH);
        assertThat(reason(ChurnReason.OVERDUE).detail()).isEqualTo("one purchase only, on 2025-06-01");
        assertThat(evaluateOn(366).orElseThrow().level()).isEqualTo(ChurnLevel.WARNING);
    }

    @Test
    void aFullyRefundedSaleIsNoPurchase() {
        purchases("c-1", 0);
        purchase(jdbc, "c-1", day(100), "50.00", "50.00");

        assertThat(evaluateOn(181).orElseThrow().reasons()).extracting(ChurnAlert.Reason::detail)
                .containsExactly("one purchase only, on 2025-06-01");
    }

    @Test
    void aSaleWorthNothingIsAPurchase() {
        purchases("c-1", 0);
        purchase(jdbc, "c-1", day(100), "0.00");

        assertThat(evaluateOn(181)).as("two purchases 100 days apart, the last 81 days ago").isEmpty();
    }

    @Test
    void aNewPurchaseClearsOverdueAtTheNextEvaluation() {
        purchases("c-1", 0, 10, 20);
        assertThat(evaluateOn(20 + 45).orElseThrow().level()).isEqualTo(ChurnLevel.CRITICAL);

        purchase(jdbc, "c-1", day(20 + 45), "80.00");

        assertThat(evaluateOn(20 + 46)).isEmpty();
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isNull();
    }

    @Test
    void spendFallingBelowHalfOfThePreviousPeriodIsWatchedAndBelowAQuarterWarned() {
        int today = 200;
        purchase(jdbc, "c-1", day(today - 150), "1000.00");
        purchase(jdbc, "c-1", day(today - 30), "400.00");

        assertThat(evaluateOn(today).orElseThrow().reasons()).extracting(ChurnAlert.Reason::reason)
                .containsExactly(ChurnReason.SPEND_DROP);
        assertThat(reason(ChurnReason.SPEND_DROP).level()).isEqualTo(ChurnLevel.WATCH);
        assertThat(reason(ChurnReason.SPEND_DROP).detail())
                .isEqualTo("net spend 400.00 in the last 90 days against 1000.00 in the 90 days before");

        jdbc.sql("UPDATE customer_purchase SET refunded = 250 WHERE occurred_at = ?").param(Timestamp.from(day(today - 30))).update();
        assertThat(evaluateOn(today).orElseThrow().reasons()).extracting(ChurnAlert.Reason::level)
                .containsExactly(ChurnLevel.WARNING);

        purchase(jdbc, "c-1", day(today - 10), "500.00");
        assertThat(evaluateOn(today)).as("650 is more than half of 1000").isEmpty();
    }

    @Test
    void noSpendInThePreviousPeriodIsNoDrop() {
        purchase(jdbc, "c-1", day(100), "10.00");
        purchase(jdbc, "c-1", day(101), "10.00");
        purchase(jdbc, "c-1", day(102), "10.00");

        assertThat(evaluateOn(103)).isEmpty();
    }

    @Test
    void closedCustomersAreNotEvaluated() {
        purchases("c-1", 0);
        ChurnAlertProjection projection = new ChurnAlertProjection(jdbc, ProjectionDatabase.writes(), alerts,
                ChurnLevelFollower.atOnce(jdbc), new SimpleMeterRegistry());
        new ChurnHistory(projection, "c-1").closed(day(1));

        assertThat(evaluateOn(400)).isEmpty();
    }

    @Test
    void timeBasedAndEventDrivenReasonsMakeOneAlert() {
        ChurnAlertProjection projection = new ChurnAlertProjection(jdbc, ProjectionDatabase.writes(), alerts,
                ChurnLevelFollower.atOnce(jdbc), new SimpleMeterRegistry());
        new ChurnHistory(projection, "c-1").downgraded(Tier.GOLD, Tier.SILVER, day(1));
        purchases("c-1", 0);

        ChurnAlert alert = evaluateOn(366).orElseThrow();
        assertThat(alert.level()).isEqualTo(ChurnLevel.WARNING);
        assertThat(alert.raisedAt()).isEqualTo(day(1));
        assertThat(alert.reasons()).extracting(ChurnAlert.Reason::reason).containsExactly(ChurnReason.OVERDUE, ChurnReason.TIER_DOWNGRADE);
    }

    @Test
    void anEvaluationRepeatedWithNothingNewChangesNothing() {
        purchases("c-1", 0, 10, 20, 50);
        Instant now = day(80);
        assertThat(evaluation(now).evaluate().orElseThrow().changes()).hasSize(1);
        List<String> before = ChurnTables.snapshot(jdbc);

        ChurnEvaluation.Result again = evaluation(now.plus(Duration.ofMinutes(15))).evaluate().orElseThrow();

        assertThat(again.customersTouched()).isZero();
        assertThat(again.changes()).isEmpty();
        assertThat(ChurnTables.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void aCustomerViewRowMadeAfterTheAlertGetsItsLevelAtTheNextEvaluation() {
        purchases("c-2", 0);
        evaluateOn(200);
        ChurnTables.customerView(jdbc, "c-2");
        assertThat(churnLevelOnCustomerView(jdbc, "c-2")).isNull();

        evaluateOn(200);

        assertThat(churnLevelOnCustomerView(jdbc, "c-2")).isEqualTo("WATCH");
    }

    @Test
    void onlyOneNodeEvaluatesAtATime() throws Exception {
        purchases("c-1", 0);
        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            assertThat(ChurnLocks.tryEvaluation(JdbcClient.create(new SingleConnectionDataSource(otherNode, true)))).isTrue();

            assertThat(evaluation(day(400)).evaluate()).isEmpty();

            otherNode.rollback();
        }
        assertThat(evaluation(day(400)).evaluate()).isPresent();
    }

    private Optional<ChurnAlert> evaluateOn(int dayNumber) {
        evaluation(day(dayNumber)).evaluate().orElseThrow();
        return views.find("c-1");
    }

    private ChurnEvaluation evaluation(Instant now) {
        return new ChurnEvaluation(jdbc, new DataSourceTransactionManager(dataSource), Clock.fixed(now, ZoneOffset.UTC), alerts,
                List.of(new OverdueRule(properties), new SpendDropRule(properties)),
                new ChurnModelScoring(jdbc, new ChurnModelVersions(jdbc), new PurchaseHistories(jdbc)));
    }

    private ChurnAlert.Reason reason(ChurnReason reason) {
        return views.find("c-1").orElseThrow().reasons().stream().filter(r -> r.reason() == reason).findFirst().orElseThrow();
    }

    private void purchases(String customerId, int... days) {
        for (int dayNumber : days) {
            purchase(jdbc, customerId, day(dayNumber), "100.00");
        }
    }

    private static Instant day(int dayNumber) {
        return DAY_0.plus(Duration.ofDays(dayNumber));
    }
}
