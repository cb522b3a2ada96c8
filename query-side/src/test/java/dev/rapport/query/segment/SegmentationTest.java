package dev.rapport.query.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.rapport.events.common.Money;
import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerMarkedAsPartner;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.customer.CustomerProjectionsForTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Five buyers whose recency, frequency and spend rank them 5..1 on every axis, a prospect, a partner
 * and a closed customer: the scores, named segments, 80/20 classes and stages follow DOMAIN.md.
 */
class SegmentationTest {

    private static final Instant NOW = Instant.parse("2026-09-01T00:00:00Z");
    private static final long DAY = 86_400;

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final CustomerProjectionsForTests projections = new CustomerProjectionsForTests(jdbc);
    private final Segmentation segmentation = new Segmentation(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void population() {
        ProjectionDatabase.reset();
        for (int k = 1; k <= 5; k++) {
            String customer = "c" + k;
            projections.apply(registered(customer), 0);
            int purchases = 6 - k;
            for (int i = 0; i < purchases; i++) {
                projections.apply(sale(customer + "-" + i, customer, NOW.minusSeconds((10L * k + i) * DAY)), 0);
            }
        }
        projections.apply(registered("prospect"), 0);
    }

    @Test
    void rfmScoresAreQuintilesOfThePopulationAndNameTheSegment() {
        segmentation.recompute();

        assertThat(row("c1")).containsEntry("r_score", 5).containsEntry("f_score", 5).containsEntry("m_score", 5)
                .containsEntry("rfm_segment", "CHAMPIONS").containsEntry("recency_days", 10);
        assertThat(row("c2")).containsEntry("r_score", 4).containsEntry("rfm_segment", "CHAMPIONS");
        assertThat(row("c3")).containsEntry("r_score", 3).containsEntry("rfm_segment", "NEEDS_ATTENTION");
        assertThat(row("c4")).containsEntry("r_score", 2).containsEntry("rfm_segment", "HIBERNATING");
        assertThat(row("c5")).containsEntry("r_score", 1).containsEntry("f_score", 1).containsEntry("rfm_segment", "LOST");
        assertThat(row("prospect")).containsEntry("rfm_segment", null).containsEntry("r_score", null);
    }

    @Test
    void theTopFifthBySpendIsATheNextThirtyPercentB() {
        segmentation.recompute();

        assertThat(row("c1")).containsEntry("abc_class", "A").containsEntry("value_class", "MVC");
        assertThat(row("c2")).containsEntry("abc_class", "B");
        assertThat(row("c3")).containsEntry("abc_class", "C");
        assertThat(row("c5")).containsEntry("abc_class", "C");
        assertThat(row("prospect")).containsEntry("abc_class", null).containsEntry("value_class", null);
    }

    @Test
    void twelveMonthFiguresAndStagesAreAsOfTheRun() {
        segmentation.recompute();

        assertThat(row("c1")).containsEntry("purchases_12m", 5).containsEntry("ladder_stage", "CLIENT")
                .containsEntry("lifecycle_stage", "GROWTH");
        assertThat(((java.math.BigDecimal) row("c1").get("net_spend_12m"))).isEqualByComparingTo("500");
        assertThat(row("c5")).containsEntry("ladder_stage", "CUSTOMER");
        assertThat(row("prospect")).containsEntry("ladder_stage", "PROSPECT").containsEntry("lifecycle_stage", "ACQUISITION");
    }

    @Test
    void aPartnerIsAPartnerAndAClosedCustomerIsTerminated() {
        projections.apply(new CustomerMarkedAsPartner("c5", "contract", NOW), 1);
        projections.apply(new CustomerClosed("c4", ClosureReason.COMPETITOR, null, "emp", NOW), 1);

        segmentation.recompute();

        assertThat(row("c5")).containsEntry("ladder_stage", "PARTNER");
        assertThat(row("c4")).containsEntry("lifecycle_stage", "TERMINATION");
    }

    @Test
    void aCustomerSilentForAYearIsTerminatedAndOldPurchasesLeaveTheWindow() {
        Segmentation later = new Segmentation(jdbc, Clock.fixed(NOW.plusSeconds(400 * DAY), ZoneOffset.UTC));

        later.recompute();

        assertThat(row("c1")).containsEntry("purchases_12m", 0).containsEntry("lifecycle_stage", "TERMINATION")
                .containsEntry("ladder_stage", "CUSTOMER");
    }

    private Map<String, Object> row(String customerId) {
        return jdbc.sql("""
                        SELECT recency_days, r_score, f_score, m_score, rfm_segment, abc_class, value_class, purchases_12m,
                               net_spend_12m, ladder_stage, lifecycle_stage FROM customer_view WHERE customer_id = ?""")
                .param(customerId).query().singleRow();
    }

    private static CustomerRegistered registered(String id) {
        return new CustomerRegistered(id, new CustomerProfile(id, CustomerType.INDIVIDUAL, null, null, null, null, null, null,
                null, null, List.of()), NOW.minusSeconds(500 * DAY));
    }

    private static SaleRecorded sale(String saleId, String customerId, Instant at) {
        return new SaleRecorded(saleId, customerId, saleId, SalesChannel.STORE, List.of(), Money.of("100", "CNY"), at, at);
    }
}
