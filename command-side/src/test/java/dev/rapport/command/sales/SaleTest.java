package dev.rapport.command.sales;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.rapport.events.common.Money;
import dev.rapport.events.sales.SaleLine;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SaleTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant BOUGHT = NOW.minusSeconds(7200);
    private static final String SALE = SaleIds.of("c-1", "ORD-1");
    private static final List<RecordSale.Line> TWO_TICKETS = List.of(new RecordSale.Line("PEK-SHA", "flight", 2, new BigDecimal("1280.00")));
    private static final SaleRecorded RECORDED = new SaleRecorded(SALE, "c-1", "ORD-1", SalesChannel.WEB,
            List.of(new SaleLine("PEK-SHA", "flight", 2, Money.of("1280.00", "CNY"))), Money.of("2560.00", "CNY"), BOUGHT, NOW);

    private AggregateTestFixture<Sale> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Sale.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new SaleCommandHandler(fixture.getRepository()));
    }

    @Test
    void aSaleWithLinesIsRecordedWithTheirSumAsTotal() {
        fixture.givenNoPriorActivity()
                .when(sale(TWO_TICKETS, null))
                .expectEvents(RECORDED)
                .expectResultMessagePayload(new SaleReceipt(SALE, "c-1", "ORD-1", Money.of("2560", "CNY")));
    }

    @Test
    void aSaleWithOnlyATotalIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(sale(List.of(), new BigDecimal("11.77")))
                .expectEvents(new SaleRecorded(SALE, "c-1", "ORD-1", SalesChannel.WEB, List.of(), Money.of("11.77", "CNY"), BOUGHT, NOW));
    }

    @Test
    void theSameOrderAgainRecordsNothingAndAnswersTheSame() {
        // RecordSale for it was refused by the event store's unique key; the HTTP API then sends RepeatSale
        fixture.given(RECORDED)
                .when(new RepeatSale(sale(TWO_TICKETS, null)))
                .expectNoEvents()
                .expectResultMessagePayload(new SaleReceipt(SALE, "c-1", "ORD-1", Money.of("2560.00", "CNY")));
    }

    @Test
    void theSameOrderIdWithOtherDetailsIsAConflict() {
        fixture.given(RECORDED)
                .when(new RepeatSale(sale(List.of(), new BigDecimal("99.00"))))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theSameOrderIdWithOtherLinesIsAConflict() {
        fixture.given(RECORDED)
                .when(new RepeatSale(sale(List.of(new RecordSale.Line("PEK-SHA", "flight", 3, new BigDecimal("1280.00"))), null)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Order ORD-1 is already recorded for this customer with other details");
    }

    @Test
    void aTotalThatIsNotTheSumOfTheLinesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(sale(TWO_TICKETS, new BigDecimal("2000.00")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The total 2000.00 is not the sum of the lines 2560.00");
    }

    @Test
    void aSaleNeedsLinesOrATotal() {
        fixture.givenNoPriorActivity()
                .when(sale(List.of(), null))
                .expectException(RuleViolation.class);
    }

    @Test
    void aSaleWorthNothingIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(sale(List.of(), new BigDecimal("0.00")))
                .expectEvents(new SaleRecorded(SALE, "c-1", "ORD-1", SalesChannel.WEB, List.of(), Money.of("0.00", "CNY"), BOUGHT, NOW))
                .expectResultMessagePayload(new SaleReceipt(SALE, "c-1", "ORD-1", Money.of("0", "CNY")));
    }

    @Test
    void aSaleOfFreeItemsIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(sale(List.of(new RecordSale.Line("GIFT", "promo", 3, new BigDecimal("0.00"))), null))
                .expectEvents(new SaleRecorded(SALE, "c-1", "ORD-1", SalesChannel.WEB,
                        List.of(new SaleLine("GIFT", "promo", 3, Money.of("0.00", "CNY"))), Money.of("0.00", "CNY"), BOUGHT, NOW));
    }

    @Test
    void aSaleWorthLessThanNothingIsRefused() {
        fixture.givenNoPriorActivity()
                .when(sale(List.of(), new BigDecimal("-0.01")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A sale cannot be worth less than nothing")
                .expectNoEvents();
    }

    @Test
    void linesSummingToLessThanNothingAreRefused() {
        fixture.givenNoPriorActivity()
                .when(sale(List.of(new RecordSale.Line("P-1", null, 1, new BigDecimal("-5.00"))), null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("A sale cannot be worth less than nothing")
                .expectNoEvents();
    }

    @Test
    void aSaleWorthNothingCannotBeRefunded() {
        fixture.given(new SaleRecorded(SALE, "c-1", "ORD-1", SalesChannel.WEB, List.of(), Money.of("0.00", "CNY"), BOUGHT, NOW))
                .when(new RecordRefund(SALE, "RF-1", new BigDecimal("0.01"), "CNY", null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Only 0.00 CNY of this sale can still be refunded")
                .expectNoEvents();
    }

    @Test
    void aSaleInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordSale(SALE, "c-1", "ORD-1", SalesChannel.WEB, "CNY", TWO_TICKETS, null, NOW.plusSeconds(86_400)))
                .expectException(RuleViolation.class);
    }

    @Test
    void aPartialRefundLeavesTheRestRefundable() {
        fixture.given(RECORDED)
                .when(new RecordRefund(SALE, "RF-1", new BigDecimal("1280.00"), "CNY", "one ticket cancelled", null))
                .expectEvents(new SaleRefunded(SALE, "c-1", "RF-1", Money.of("1280", "CNY"), "one ticket cancelled", NOW,
                        Money.of("1280", "CNY")))
                .expectResultMessagePayload(new RefundReceipt(SALE, "RF-1", Money.of("1280", "CNY"), Money.of("1280", "CNY")));
    }

    @Test
    void refundsNeverExceedWhatRemains() {
        fixture.given(RECORDED, new SaleRefunded(SALE, "c-1", "RF-1", Money.of("2000", "CNY"), null, NOW, Money.of("560", "CNY")))
                .when(new RecordRefund(SALE, "RF-2", new BigDecimal("560.01"), "CNY", null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Only 560.00 CNY of this sale can still be refunded");
    }

    @Test
    void theLastCentCanBeRefunded() {
        fixture.given(RECORDED, new SaleRefunded(SALE, "c-1", "RF-1", Money.of("2000", "CNY"), null, NOW, Money.of("560", "CNY")))
                .when(new RecordRefund(SALE, "RF-2", new BigDecimal("560.00"), "CNY", null, null))
                .expectEvents(new SaleRefunded(SALE, "c-1", "RF-2", Money.of("560", "CNY"), null, NOW, Money.of("0", "CNY")));
    }

    @Test
    void aRepeatedRefundIdRecordsNothingAndAnswersTheSame() {
        fixture.given(RECORDED, new SaleRefunded(SALE, "c-1", "RF-1", Money.of("100", "CNY"), null, NOW, Money.of("2460", "CNY")))
                .when(new RecordRefund(SALE, "RF-1", new BigDecimal("100"), "CNY", null, null))
                .expectNoEvents()
                .expectResultMessagePayload(new RefundReceipt(SALE, "RF-1", Money.of("100", "CNY"), Money.of("2460", "CNY")));
    }

    @Test
    void aRepeatedRefundIdWithAnotherAmountIsAConflict() {
        fixture.given(RECORDED, new SaleRefunded(SALE, "c-1", "RF-1", Money.of("100", "CNY"), null, NOW, Money.of("2460", "CNY")))
                .when(new RecordRefund(SALE, "RF-1", new BigDecimal("200"), "CNY", null, null))
                .expectException(RuleViolation.class);
    }

    @Test
    void aRefundInAnotherCurrencyIsRefused() {
        fixture.given(RECORDED)
                .when(new RecordRefund(SALE, "RF-1", new BigDecimal("10"), "USD", null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The sale was in CNY, not USD");
    }

    @Test
    void aRefundBeforeTheSaleIsRefused() {
        fixture.given(RECORDED)
                .when(new RecordRefund(SALE, "RF-1", new BigDecimal("10"), "CNY", null, BOUGHT.minusSeconds(1)))
                .expectException(RuleViolation.class);
    }

    @Test
    void anUnknownSaleCannotBeRefunded() {
        fixture.givenNoPriorActivity()
                .when(new RecordRefund("nope", "RF-1", new BigDecimal("10"), "CNY", null, null))
                .expectException(AggregateNotFoundException.class);
    }

    private static RecordSale sale(List<RecordSale.Line> lines, BigDecimal total) {
        return new RecordSale(SALE, "c-1", "ORD-1", SalesChannel.WEB, "CNY", lines, total, BOUGHT);
    }
}
