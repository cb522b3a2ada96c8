package dev.rapport.query.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class LoyaltyViewProjectionTest {

    private static final Instant ENROLLED = Instant.parse("2025-01-02T09:00:00Z");
    private static final Instant JAN_05 = Instant.parse("2025-01-05T10:00:00Z");
    private static final Instant JAN_15 = Instant.parse("2025-01-15T10:00:00Z");
    private static final Instant MAR_10 = Instant.parse("2025-03-10T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant REVIEW = Instant.parse("2026-01-02T09:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final LoyaltyViewProjection projection = new LoyaltyViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    private final MembershipHistory member = new MembershipHistory(projection, "c-1");

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @Test
    void anEnrolmentIsABaseMemberWithNoPoints() {
        member.enrolled(ENROLLED);

        Map<String, Object> row = member.row(jdbc);
        assertThat(row).containsEntry("customer_id", "c-1").containsEntry("member_number", "RPc-1")
                .containsEntry("tier", "BASE").containsEntry("points_balance", 0L).containsEntry("aggregate_version", 0L);
        assertThat(instant(row, "enrolled_at")).isEqualTo(ENROLLED);
        assertThat(instant(row, "tier_since")).isEqualTo(ENROLLED);
    }

    @Test
    void saleAndBonusPointsBecomeLotsButOnlyTheSaleQualifies() {
        member.enrolled(ENROLLED).sale("s-1", JAN_05, 1250, 1000, "1000.00").bonus("SPRING", JAN_15, 300);

        assertThat(member.row(jdbc)).containsEntry("points_balance", 1550L).containsEntry("lifetime_earned", 1550L)
                .containsEntry("aggregate_version", 2L);
        assertThat(member.remainingPerLot(jdbc)).containsExactly(1250L, 300L);
        assertThat(jdbc.sql("SELECT expires_at FROM membership_points_lot WHERE reference = 's-1'").query(Timestamp.class)
                .single().toInstant()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
        Map<String, Object> sale = member.qualifying(jdbc, "s-1");
        assertThat(sale).containsEntry("qualifying_points", 1000L).containsEntry("counts_as_purchase", true);
        assertThat(instant(sale, "earned_at")).isEqualTo(JAN_05);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM membership_qualifying").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUpgradeChangesTheTierAtOnce() {
        member.enrolled(ENROLLED).upgraded(Tier.BASE, Tier.SILVER, JAN_15);

        assertThat(member.row(jdbc)).containsEntry("tier", "SILVER");
        assertThat(instant(member.row(jdbc), "tier_since")).isEqualTo(JAN_15);
    }

    @Test
    void aReviewThatDowngradesLowersTheTierAndRecordsTheOutcome() {
        member.enrolled(ENROLLED).upgraded(Tier.BASE, Tier.GOLD, JAN_15).downgraded(Tier.GOLD, Tier.SILVER, REVIEW);

        Map<String, Object> row = member.row(jdbc);
        assertThat(row).containsEntry("tier", "SILVER").containsEntry("last_review_outcome", "DOWNGRADED");
        assertThat(instant(row, "tier_since")).isEqualTo(REVIEW);
        assertThat(instant(row, "last_reviewed_at")).isEqualTo(REVIEW);
    }

    @Test
    void aReviewThatRetainsKeepsTheTierAndSinceWhen() {
        member.enrolled(ENROLLED).upgraded(Tier.BASE, Tier.GOLD, JAN_15).retained(Tier.GOLD, REVIEW);

        Map<String, Object> row = member.row(jdbc);
        assertThat(row).containsEntry("tier", "GOLD").containsEntry("last_review_outcome", "RETAINED");
        assertThat(instant(row, "tier_since")).isEqualTo(JAN_15);
        assertThat(instant(row, "last_reviewed_at")).isEqualTo(REVIEW);
    }

    @Test
    void aGrantedTierIsHeldUntilTheGrantExpires() {
        Instant until = Instant.parse("2025-12-31T00:00:00Z");
        member.enrolled(ENROLLED).upgraded(Tier.BASE, Tier.SILVER, JAN_15).granted(Tier.SILVER, Tier.PLATINUM, MAR_10, until);

        Map<String, Object> granted = member.row(jdbc);
        assertThat(granted).containsEntry("tier", "PLATINUM").containsEntry("granted_tier", "PLATINUM");
        assertThat(instant(granted, "grant_expires_at")).isEqualTo(until);
        assertThat(instant(granted, "tier_since")).isEqualTo(MAR_10);

        member.grantExpired(Tier.PLATINUM, Tier.SILVER, until);

        Map<String, Object> expired = member.row(jdbc);
        assertThat(expired).containsEntry("tier", "SILVER").containsEntry("granted_tier", null).containsEntry("grant_expires_at", null);
        assertThat(instant(expired, "tier_since")).isEqualTo(until);
    }

    @Test
    void aGrantOfTheTierAlreadyHeldKeepsSinceWhenAndAnEarnedUpgradeEndsIt() {
        member.enrolled(ENROLLED).upgraded(Tier.BASE, Tier.SILVER, JAN_15)
                .granted(Tier.SILVER, Tier.SILVER, MAR_10, Instant.parse("2025-12-31T00:00:00Z"));
        assertThat(instant(member.row(jdbc), "tier_since")).isEqualTo(JAN_15);

        member.upgraded(Tier.SILVER, Tier.GOLD, LATER);

        assertThat(member.row(jdbc)).containsEntry("tier", "GOLD").containsEntry("granted_tier", null);
    }

    @Test
    void redemptionSpendsTheOldestEarnedPointsFirstWhateverTheOrderOfCrediting() {
        member.enrolled(ENROLLED)
                .sale("s-1", JAN_15, 500)
                .bonus("SPRING", JAN_15, 200)   // same instant as s-1, credited after it: spent after it
                .sale("s-0", JAN_05, 300)       // bought earlier, credited last: spent first
                .redeemed(600, LATER);

        assertThat(member.remainingPerLot(jdbc)).containsExactly(0L, 200L, 200L);
        assertThat(member.row(jdbc)).containsEntry("points_balance", 400L).containsEntry("lifetime_redeemed", 600L);
    }

    @Test
    void anExpiryRunRemovesWhatIsLeftOfEveryLotDue() {
        Instant due = MembershipHistory.expiryOf(JAN_15);
        member.enrolled(ENROLLED).sale("s-1", JAN_15, 500).sale("s-2", MAR_10, 400).redeemed(100, LATER).expired(400, due);

        assertThat(member.remainingPerLot(jdbc)).containsExactly(0L, 400L);
        assertThat(member.row(jdbc)).containsEntry("points_balance", 400L).containsEntry("lifetime_expired", 400L);
    }

    @Test
    void aPartialRefundTakesFromTheSalesLotAndTheSaleStillCountsAsAPurchase() {
        member.enrolled(ENROLLED).sale("s-1", JAN_05, 1000).sale("s-2", JAN_15, 500)
                .reversed("s-2", "r-1", 200, 200, "200", LATER);

        assertThat(member.remainingPerLot(jdbc)).containsExactly(1000L, 300L);
        assertThat(member.qualifying(jdbc, "s-2")).containsEntry("qualifying_points", 300L).containsEntry("counts_as_purchase", true);
        assertThat(member.row(jdbc)).containsEntry("points_balance", 1300L).containsEntry("lifetime_reversed", 200L)
                .containsEntry("points_debt", 0L);
    }

    @Test
    void aFullRefundStopsTheSaleCountingAndWhatTheLotsCannotCoverBecomesDebtThatNewPointsRepay() {
        member.enrolled(ENROLLED).sale("s-1", JAN_05, 1000).sale("s-2", JAN_15, 500)
                .reversed("s-1", "r-1", 400, 400, "400", MAR_10)
                .redeemed(900, MAR_10.plus(Duration.ofDays(1)))          // s-1's 600 left, then 300 of s-2
                .reversed("s-1", "r-2", 600, 600, "600", LATER);          // s-1's lot is empty: 200 from s-2, 400 owed

        assertThat(member.qualifying(jdbc, "s-1")).containsEntry("qualifying_points", 0L).containsEntry("counts_as_purchase", false);
        assertThat(member.remainingPerLot(jdbc)).containsExactly(0L, 0L);
        assertThat(member.row(jdbc)).containsEntry("points_balance", -400L).containsEntry("points_debt", 400L);

        member.sale("s-3", LATER, 1000);

        assertThat(member.remainingPerLot(jdbc)).containsExactly(0L, 0L, 600L);
        assertThat(member.row(jdbc)).containsEntry("points_balance", 600L).containsEntry("points_debt", 0L);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        member.enrolled(ENROLLED).sale("s-1", JAN_05, 1000).bonus("SPRING", JAN_15, 300)
                .upgraded(Tier.BASE, Tier.SILVER, JAN_15).redeemed(500, MAR_10)
                .reversed("s-1", "r-1", 1000, 1000, "1000", LATER).sale("s-2", LATER, 400)
                .retained(Tier.SILVER, REVIEW);
        List<Object> before = snapshot();

        member.redeliverFrom(0);

        assertThat(snapshot()).isEqualTo(before);
    }

    private List<Object> snapshot() {
        return List.of(
                member.row(jdbc),
                jdbc.sql("SELECT * FROM membership_points_lot ORDER BY credit_sequence").query().listOfRows(),
                jdbc.sql("SELECT * FROM membership_qualifying ORDER BY sale_id").query().listOfRows());
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((Timestamp) row.get(column)).toInstant();
    }
}
