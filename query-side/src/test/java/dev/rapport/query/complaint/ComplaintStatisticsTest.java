package dev.rapport.query.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The figures of {@link FiveComplaints}, worked out by hand. */
class ComplaintStatisticsTest {

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ComplaintStatistics statistics = new ComplaintStatistics(jdbc);

    @BeforeEach
    void fiveComplaints() {
        ProjectionDatabase.reset();
        FiveComplaints.file(new ComplaintViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry()));
    }

    @Test
    void overallFigures() {
        ComplaintStats.Figures overall = statistics.over(null, null).overall();

        assertThat(overall.complaints()).isEqualTo(5);
        assertThat(overall.open()).isEqualTo(2);
        assertThat(overall.openBySeverity()).containsExactly(
                Map.entry(Severity.LOW, 0L), Map.entry(Severity.MEDIUM, 0L), Map.entry(Severity.HIGH, 1L), Map.entry(Severity.CRITICAL, 1L));
        assertThat(overall.slaBreaches()).containsExactly(
                Map.entry(SlaDeadline.ACKNOWLEDGE, 1L), Map.entry(SlaDeadline.RESOLVE, 1L), Map.entry(SlaDeadline.FOLLOW_UP, 0L));
        assertThat(overall.resolved()).isEqualTo(3);
        // k-a of k-a, k-b, k-e
        assertThat(overall.slaCompliancePercent()).isEqualByComparingTo("33.3");
        // (2 + 30 + 1 + 4) / 4
        assertThat(overall.meanHoursToAcknowledge()).isEqualByComparingTo("9.25");
        // (26 + 50 + 200) / 3
        assertThat(overall.meanHoursToResolve()).isEqualByComparingTo("92.00");
        assertThat(overall.closed()).isEqualTo(2);
        assertThat(overall.recovered()).isEqualTo(1);
        assertThat(overall.recoveredPercent()).isEqualByComparingTo("50.0");
    }

    @Test
    void figuresPerCategory() {
        var byCategory = statistics.over(null, null).byCategory();

        assertThat(byCategory).extracting(ComplaintStats.CategoryFigures::category)
                .containsExactly(ComplaintCategory.BILLING, ComplaintCategory.DELIVERY, ComplaintCategory.PRODUCT);
        ComplaintStats.Figures billing = byCategory.get(0).figures();
        assertThat(billing.complaints()).isEqualTo(2);
        assertThat(billing.open()).isEqualTo(2);
        assertThat(billing.resolved()).isZero();
        assertThat(billing.slaCompliancePercent()).isNull();
        assertThat(billing.meanHoursToAcknowledge()).isEqualByComparingTo("1");
        assertThat(billing.meanHoursToResolve()).isNull();
        assertThat(billing.recoveredPercent()).isNull();

        ComplaintStats.Figures delivery = byCategory.get(1).figures();
        assertThat(delivery.open()).isZero();
        assertThat(delivery.slaBreaches().get(SlaDeadline.ACKNOWLEDGE)).isEqualTo(1);
        assertThat(delivery.slaCompliancePercent()).isEqualByComparingTo("50.0");
        assertThat(delivery.meanHoursToAcknowledge()).isEqualByComparingTo("16");
        assertThat(delivery.meanHoursToResolve()).isEqualByComparingTo("38");
        assertThat(delivery.recoveredPercent()).isEqualByComparingTo("100.0");

        ComplaintStats.Figures product = byCategory.get(2).figures();
        assertThat(product.slaBreaches().get(SlaDeadline.RESOLVE)).isEqualTo(1);
        assertThat(product.slaCompliancePercent()).isEqualByComparingTo("0");
        assertThat(product.meanHoursToResolve()).isEqualByComparingTo("200");
        assertThat(product.closed()).isEqualTo(1);
        assertThat(product.recoveredPercent()).isEqualByComparingTo("0");
    }

    @Test
    void figuresPerMonthOfFiling() {
        var byMonth = statistics.over(null, null).byMonth();

        assertThat(byMonth).extracting(ComplaintStats.MonthFigures::month).containsExactly("2026-01", "2026-02");
        ComplaintStats.Figures january = byMonth.get(0).figures();
        assertThat(january.complaints()).isEqualTo(2);
        assertThat(january.slaCompliancePercent()).isEqualByComparingTo("50.0");
        ComplaintStats.Figures february = byMonth.get(1).figures();
        assertThat(february.complaints()).isEqualTo(3);
        assertThat(february.open()).isEqualTo(2);
        assertThat(february.resolved()).isEqualTo(1);
        assertThat(february.slaCompliancePercent()).isEqualByComparingTo("0");
        assertThat(february.meanHoursToAcknowledge()).isEqualByComparingTo("2.5");
        assertThat(february.meanHoursToResolve()).isEqualByComparingTo("200");
        assertThat(february.recoveredPercent()).isEqualByComparingTo("0");
    }

    @Test
    void aPeriodCountsTheComplaintsFiledOnItsDaysBothIncluded() {
        assertThat(statistics.over(null, LocalDate.parse("2026-01-09")).overall().complaints()).isEqualTo(1);
        assertThat(statistics.over(null, LocalDate.parse("2026-01-10")).overall().complaints()).isEqualTo(2);

        ComplaintStats february = statistics.over(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"));
        assertThat(february.overall().complaints()).isEqualTo(3);
        assertThat(february.byMonth()).extracting(ComplaintStats.MonthFigures::month).containsExactly("2026-02");
        assertThat(february.byCategory()).extracting(ComplaintStats.CategoryFigures::category)
                .containsExactly(ComplaintCategory.BILLING, ComplaintCategory.PRODUCT);
    }

    @Test
    void aPeriodWithoutComplaintsHasZeroFiguresAndNoPercentages() {
        ComplaintStats none = statistics.over(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));

        assertThat(none.overall().complaints()).isZero();
        assertThat(none.overall().openBySeverity()).containsValues(0L, 0L, 0L, 0L);
        assertThat(none.overall().slaCompliancePercent()).isNull();
        assertThat(none.overall().meanHoursToAcknowledge()).isNull();
        assertThat(none.byCategory()).isEmpty();
        assertThat(none.byMonth()).isEmpty();
    }

    @Test
    void percentagesAreRoundedToOneDecimal() {
        assertThat(statistics.over(null, null).overall().slaCompliancePercent()).isEqualTo(new BigDecimal("33.3"));
    }
}
