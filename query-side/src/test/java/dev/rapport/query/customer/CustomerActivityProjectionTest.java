package dev.rapport.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.rapport.events.common.Money;
import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintClosed;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.customer.ClosureReason;
import dev.rapport.events.customer.ConsentChanged;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.events.customer.PreferenceNoted;
import dev.rapport.events.customer.PreferenceWithdrawn;
import dev.rapport.events.interaction.Direction;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.events.interaction.InteractionLogged;
import dev.rapport.events.loyalty.MemberEnrolled;
import dev.rapport.events.loyalty.PointsEarned;
import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.loyalty.TierDowngraded;
import dev.rapport.events.loyalty.TierUpgraded;
import dev.rapport.events.sales.SaleRecorded;
import dev.rapport.events.sales.SaleRefunded;
import dev.rapport.events.sales.SalesChannel;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** customer_view from the events of every aggregate that concerns a customer. */
class CustomerActivityProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final CustomerViewProjection customers = new CustomerViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    private final CustomerActivityProjection activity = new CustomerActivityProjection(ProjectionDatabase.writes());
    private final CustomerViews views = new CustomerViews(jdbc);

    @BeforeEach
    void aRegisteredCustomer() {
        ProjectionDatabase.reset();
        customers.on(registered("c-1"), 0);
    }

    @Test
    void salesAndRefundsMakeNetSpendAndARedeliveryCountsNothingTwice() {
        SaleRecorded first = sale("s-1", "c-1", "100.00", T0.plusSeconds(60));
        activity.on(first);
        activity.on(sale("s-2", "c-1", "50.00", T0.plusSeconds(30)));
        activity.on(first);
        SaleRefunded refund = new SaleRefunded("s-1", "c-1", "r-1", Money.of("40", "CNY"), null, T0.plusSeconds(90), Money.of("60", "CNY"));
        activity.on(refund);
        activity.on(refund);

        var purchases = views.find("c-1").orElseThrow().purchases();
        assertThat(purchases.purchaseCount()).isEqualTo(2);
        assertThat(purchases.grossSpend()).isEqualByComparingTo("150");
        assertThat(purchases.refunded()).isEqualByComparingTo("40");
        assertThat(purchases.netSpend()).isEqualByComparingTo("110");
        assertThat(purchases.averageOrderValue()).isEqualByComparingTo("55.00");
        assertThat(purchases.firstPurchaseAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(purchases.lastPurchaseAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void twelveMonthFiguresAreAsOfTheQuery() {
        activity.on(sale("old", "c-1", "70.00", T0));
        activity.on(sale("new", "c-1", "30.00", T0.plusSeconds(400L * 24 * 3600)));

        var asOfLater = views.find("c-1", T0.plusSeconds(401L * 24 * 3600)).orElseThrow().purchases();
        assertThat(asOfLater.purchases12m()).isEqualTo(1);
        assertThat(asOfLater.netSpend12m()).isEqualByComparingTo("30");
        var asOfEarly = views.find("c-1", T0.plusSeconds(3600)).orElseThrow().purchases();
        assertThat(asOfEarly.purchases12m()).isEqualTo(2);
    }

    @Test
    void theLastContactIsTheLatestEvenWhenLoggedOutOfOrder() {
        activity.on(interaction("i-2", T0.plusSeconds(300), InteractionChannel.STORE, 2));
        activity.on(interaction("i-1", T0.plusSeconds(100), InteractionChannel.EMAIL, 5));

        var service = views.find("c-1").orElseThrow().service();
        assertThat(service.lastInteractionAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(service.lastInteractionChannel()).isEqualTo("STORE");
        assertThat(service.lastSatisfaction()).isEqualTo(2);
    }

    @Test
    void openComplaintsAreCountedUntilClosedAndTheClosureScoreIsTheLastSatisfaction() {
        activity.on(filed("k-1"));
        activity.on(filed("k-2"));
        activity.on(filed("k-1"));
        assertThat(views.find("c-1").orElseThrow().service().openComplaints()).isEqualTo(2);

        ComplaintClosed closed = new ComplaintClosed("k-1", "c-1", 4, true, T0.plusSeconds(500));
        activity.on(closed);
        activity.on(closed);

        var service = views.find("c-1").orElseThrow().service();
        assertThat(service.openComplaints()).isEqualTo(1);
        assertThat(service.lastSatisfaction()).isEqualTo(4);
    }

    @Test
    void loyaltyShowsTierAndBalanceIncludingADowngrade() {
        activity.on(new MemberEnrolled("m-1", "c-1", "RP1", T0));
        activity.on(new PointsEarned("m-1", "c-1", 3000, true, PointsSource.SALE, "s-1", T0, T0.plusSeconds(9999), 3000, 3000,
                Money.of("3000", "CNY")));
        activity.on(new TierUpgraded("m-1", "c-1", Tier.BASE, Tier.SILVER, 3000, 1, "points", T0));
        activity.on(new TierDowngraded("m-1", "c-1", Tier.SILVER, Tier.BASE, 0, 0, "review", T0.plusSeconds(1000)));

        var loyalty = views.find("c-1").orElseThrow().loyalty();
        assertThat(loyalty.membershipId()).isEqualTo("m-1");
        assertThat(loyalty.tier()).isEqualTo("BASE");
        assertThat(loyalty.pointsBalance()).isEqualTo(3000);
    }

    @Test
    void consentPreferencesAndClosureAreOnTheRow() {
        customers.on(new ConsentChanged("c-1", ContactChannel.EMAIL, true, "web", T0), 1);
        customers.on(new ConsentChanged("c-1", ContactChannel.SMS, false, "call", T0), 2);
        customers.on(new PreferenceNoted("c-1", "seat", "aisle", "emp", T0), 3);
        customers.on(new PreferenceNoted("c-1", "meal", "veg", "emp", T0), 4);
        customers.on(new PreferenceWithdrawn("c-1", "meal", T0), 5);
        customers.on(new CustomerClosed("c-1", ClosureReason.COMPETITOR, null, "emp", T0.plusSeconds(10)), 6);
        customers.on(new ConsentChanged("c-1", ContactChannel.EMAIL, false, "redelivered-old", T0), 1);

        var relationship = views.find("c-1").orElseThrow().relationship();
        assertThat(relationship.consents()).containsEntry("EMAIL", true).containsEntry("SMS", false);
        assertThat(relationship.preferences()).containsOnlyKeys("seat");
        assertThat(relationship.status()).isEqualTo("CLOSED");
        assertThat(relationship.closureReason()).isEqualTo("COMPETITOR");
    }

    @Test
    void eventsOfDifferentCustomersArrivingInterleavedLandOnTheirOwnRows() {
        customers.on(registered("c-2"), 0);
        activity.on(sale("a", "c-2", "10.00", T0));
        activity.on(sale("b", "c-1", "20.00", T0));
        activity.on(sale("c", "c-2", "30.00", T0));

        assertThat(views.find("c-1").orElseThrow().purchases().netSpend()).isEqualByComparingTo("20");
        assertThat(views.find("c-2").orElseThrow().purchases().netSpend()).isEqualByComparingTo("40");
    }

    @Test
    void theListIsKeysetPagedAndFiltered() {
        for (int i = 2; i <= 7; i++) {
            customers.on(registered("c-" + i), 0);
        }
        activity.on(filed("k-9"));

        var firstPage = views.list(new CustomerFilter(null, null, null, null, null, null, null, null), CustomerSort.REGISTERED, null, 4);
        var last = firstPage.get(3);
        var secondPage = views.list(new CustomerFilter(null, null, null, null, null, null, null, null), CustomerSort.REGISTERED,
                new CustomerCursor(CustomerSort.REGISTERED.cursorValueOf(last), last.customerId()), 4);
        assertThat(firstPage).hasSize(4);
        assertThat(secondPage).hasSize(3);
        assertThat(secondPage).extracting(CustomerView::customerId).doesNotContainAnyElementsOf(
                firstPage.stream().map(CustomerView::customerId).toList());

        var complaining = views.list(new CustomerFilter(null, null, null, null, true, null, null, null), CustomerSort.REGISTERED, null, 10);
        assertThat(complaining).extracting(CustomerView::customerId).containsExactly("c-1");
    }

    private static CustomerRegistered registered(String id) {
        return new CustomerRegistered(id, new CustomerProfile("Name " + id, CustomerType.INDIVIDUAL, null, null, null, null, null,
                null, null, null, List.of()), T0);
    }

    private static SaleRecorded sale(String saleId, String customerId, String amount, Instant at) {
        return new SaleRecorded(saleId, customerId, "o-" + saleId, SalesChannel.WEB, List.of(), Money.of(amount, "CNY"), at, at);
    }

    private static InteractionLogged interaction(String id, Instant at, InteractionChannel channel, Integer satisfaction) {
        return new InteractionLogged(id, "c-1", channel, Direction.INBOUND, null, "topic", null, "emp-1", satisfaction, null, null, null, at, at);
    }

    private static ComplaintFiled filed(String id) {
        return new ComplaintFiled(id, "c-1", ComplaintCategory.SERVICE, Severity.LOW, InteractionChannel.PHONE, "text", T0, T0, T0);
    }
}
