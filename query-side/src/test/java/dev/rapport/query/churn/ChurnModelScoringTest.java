package dev.rapport.query.churn;

import static dev.rapport.query.churn.ChurnTables.churnLevelOnCustomerView;
import static dev.rapport.query.churn.ChurnTables.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.churn.model.BgNbd;
import dev.rapport.query.churn.model.BgNbdFit;
import dev.rapport.query.churn.model.BgNbdParameters;
import dev.rapport.query.churn.model.CustomerHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The churn evaluation scores customers with the current BG/NBD model and raises LOW_P_ALIVE by the thresholds. */
class ChurnModelScoringTest {

    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.2516, 4.789, 0.7234, 2.161);
    private static final LocalDate DAY_0 = LocalDate.parse("2025-01-01");

    private final DataSource dataSource = ProjectionDatabase.dataSource();
    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ChurnProperties properties = ChurnProperties.defaults();
    private final ChurnAlertStream stream = new ChurnAlertStream(properties, new LiveStreams());
    private final ChurnAlertViews views = new ChurnAlertViews(jdbc);
    private final ChurnAlerts alerts = new ChurnAlerts(jdbc, views, stream);
    private final ChurnModelVersions versions = new ChurnModelVersions(jdbc);

    @BeforeEach
    void customers() {
        ProjectionDatabase.reset();
        for (String id : List.of("steady", "gone", "fading", "once")) {
            ChurnTables.customerView(jdbc, id);
        }
        purchases("steady", java.util.stream.IntStream.iterate(0, d -> d <= 119, d -> d + 7).toArray()); // weekly to day 119
        purchases("gone", 0, 7, 14, 21, 28, 35, 42, 49);   // weekly, then quiet since day 49
        purchases("fading", 0, 14, 28, 30);                 // x = 3, quiet since day 30
        purchases("once", 0);                               // x = 0
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void withoutAFittedModelThereAreNoScoresAndNoModelReason() {
        evaluateOn(60);
        assertThat(jdbc.sql("SELECT count(*) FROM churn_model_score").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM churn_reason WHERE reason = 'LOW_P_ALIVE'").query(Integer.class).single()).isZero();
    }

    @Test
    void everyBuyerIsScoredAsOfTheEvaluationDayAndQuietRepeatBuyersAreAlerted() {
        long version = versions.add(new BgNbdFit(CDNOW, -1.0, 4, 1, true), Instant.parse("2025-01-01T00:00:00Z"), "test",
                DAY_0, DAY_0.plusDays(50), 3, 11).version();

        evaluateOn(120);

        Map<String, Double> pAlive = scores();
        assertThat(pAlive).containsOnlyKeys("steady", "gone", "fading", "once");
        double T = 120 / 7.0;
        assertThat(pAlive.get("gone")).isCloseTo(BgNbd.pAlive(CDNOW, new CustomerHistory(7, 7.0, T)), within(1e-12));
        assertThat(pAlive.get("once")).isEqualTo(1.0);
        var steady = jdbc.sql("SELECT * FROM churn_model_score WHERE customer_id = 'steady'").query().singleRow();
        CustomerHistory steadyHistory = new CustomerHistory(17, 17.0, T);
        assertThat((Double) steady.get("expected_13w")).isCloseTo(BgNbd.expectedPurchases(CDNOW, steadyHistory, 13), within(1e-12));
        assertThat((Double) steady.get("expected_52w")).isCloseTo(BgNbd.expectedPurchases(CDNOW, steadyHistory, 52), within(1e-12));
        assertThat(steady.get("as_of").toString()).isEqualTo("2025-05-01");
        assertThat(((Number) steady.get("model_version")).longValue()).isEqualTo(version);

        // gone: P(alive) ≈ 0.11 → critical; fading: ≈ 0.25 → warning; steady: high; once: x = 0, never
        assertThat(pAlive.get("gone")).isLessThan(0.2);
        assertThat(pAlive.get("fading")).isBetween(0.2, 0.5);
        assertThat(pAlive.get("steady")).isGreaterThan(0.5);
        assertThat(modelReasonLevel("gone")).isEqualTo("CRITICAL");
        assertThat(modelReasonLevel("fading")).isEqualTo("WARNING");
        assertThat(modelReasonLevel("steady")).isNull();
        assertThat(modelReasonLevel("once")).isNull();
        ChurnAlert gone = views.find("gone").orElseThrow();
        assertThat(gone.level()).isEqualTo(ChurnLevel.CRITICAL);
        assertThat(gone.pAlive()).isEqualTo(pAlive.get("gone"));
        assertThat(gone.reasons()).extracting(ChurnAlert.Reason::reason).contains(ChurnReason.LOW_P_ALIVE);
        assertThat(gone.reasons()).filteredOn(r -> r.reason() == ChurnReason.LOW_P_ALIVE).extracting(ChurnAlert.Reason::detail)
                .containsExactly(String.format(java.util.Locale.ROOT, "P(alive) %.2f under churn model v%d, 7 repeat purchase(s)",
                        pAlive.get("gone"), version));
        assertThat(churnLevelOnCustomerView(jdbc, "gone")).isEqualTo("CRITICAL");

        // sorted by P(alive): the lowest first
        assertThat(views.listByPAlive(ChurnLevel.WATCH, null, 10)).extracting(ChurnAlert::customerId).startsWith("gone", "fading");
        assertThat(views.listByPAlive(ChurnLevel.WATCH, new PAliveCursor(pAlive.get("gone"), "gone"), 10))
                .extracting(ChurnAlert::customerId).doesNotContain("gone").contains("fading");

        // a new purchase brings "gone" back: P(alive) right after a purchase is high, the reason clears
        purchase(jdbc, "gone", DAY_0.plusDays(121).atStartOfDay(ZoneOffset.UTC).toInstant(), "10.00");
        evaluateOn(121);
        assertThat(scores().get("gone")).isGreaterThan(0.5);
        assertThat(modelReasonLevel("gone")).isNull();
    }

    private Map<String, Double> scores() {
        return jdbc.sql("SELECT customer_id, p_alive FROM churn_model_score").query()
                .listOfRows().stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("customer_id"), r -> (Double) r.get("p_alive")));
    }

    private String modelReasonLevel(String customerId) {
        return jdbc.sql("SELECT level FROM churn_reason WHERE customer_id = ? AND reason = 'LOW_P_ALIVE'").param(customerId)
                .query(String.class).optional().orElse(null);
    }

    private void evaluateOn(int dayNumber) {
        Instant now = DAY_0.plusDays(dayNumber).atTime(15, 0).toInstant(ZoneOffset.UTC);
        new ChurnEvaluation(jdbc, new DataSourceTransactionManager(dataSource), Clock.fixed(now, ZoneOffset.UTC), alerts,
                List.of(new PAliveRule(properties)), new ChurnModelScoring(jdbc, versions, new PurchaseHistories(jdbc)))
                .evaluate().orElseThrow();
    }

    private void purchases(String customerId, int... days) {
        for (int day : days) {
            purchase(jdbc, customerId, DAY_0.plusDays(day).atTime(10, 30).toInstant(ZoneOffset.UTC), "25.00");
        }
    }
}
