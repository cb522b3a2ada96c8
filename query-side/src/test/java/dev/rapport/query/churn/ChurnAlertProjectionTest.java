package dev.rapport.query.churn;

import static dev.rapport.query.churn.ChurnTables.churnLevelOnCustomerView;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The event-driven churn reasons: each raised and cleared by events, the alert at the highest of their levels. */
class ChurnAlertProjectionTest {

    private static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ChurnAlertStream stream = new ChurnAlertStream(ChurnProperties.defaults(), new LiveStreams());
    private final ChurnAlertViews views = new ChurnAlertViews(jdbc);
    private final ChurnAlertProjection projection = ChurnTables.projection(jdbc, ProjectionDatabase.writes(), stream);
    private final ChurnHistory customer = new ChurnHistory(projection, "c-1");

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
    void anOpenComplaintPastItsDeadlineIsAWarningUntilItIsClosed() {
        customer.complaintFiled("k-1", T0);
        assertThat(alert()).isEmpty();

        customer.slaBreached("k-1", SlaDeadline.RESOLVE, at(5));

        ChurnAlert alert = alert().orElseThrow();
        assertThat(alert.level()).isEqualTo(ChurnLevel.WARNING);
        assertThat(alert.raisedAt()).isEqualTo(at(5));
        assertThat(alert.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.reason()).isEqualTo(ChurnReason.COMPLAINT);
            assertThat(reason.source()).isEqualTo("k-1");
            assertThat(reason.detail()).contains("RESOLVE");
            assertThat(reason.suggestedAction()).isEqualTo(RetentionAction.SERVICE_RECOVERY_CALL);
        });
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("WARNING");

        customer.complaintClosed("k-1", 3, at(6));

        assertThat(alert()).isEmpty();
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isNull();
    }

    @Test
    void aReasonThatStaysAsItIsIsNotWrittenAgainByTheNextEvents() {
        customer.scored(1, T0);
        long lockedOrWrittenBy = rowVersion();

        customer.complaintFiled("k-1", at(1)).consent(ContactChannel.EMAIL, true, at(2));

        assertThat(alert().orElseThrow().reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.reason()).isEqualTo(ChurnReason.LOW_SATISFACTION));
        // the row's xmin and xmax: an update, or the lock ON CONFLICT takes even when it then changes nothing, would change them
        assertThat(rowVersion()).isEqualTo(lockedOrWrittenBy);
    }

    private long rowVersion() {
        return jdbc.sql("SELECT xmin::text::bigint * 4294967296 + xmax::text::bigint FROM churn_reason WHERE customer_id = 'c-1'")
                .query(Long.class).single();
    }

    @Test
    void aReopenedComplaintIsCriticalUntilClosedWithAnAcceptableScore() {
        customer.complaintFiled("k-1", T0).slaBreached("k-1", SlaDeadline.ACKNOWLEDGE, at(1)).complaintReopened("k-1", at(3));

        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.CRITICAL);
        assertThat(alert().orElseThrow().reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.raisedAt()).isEqualTo(at(3)));
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("CRITICAL");

        customer.complaintClosed("k-1", 3, at(4));

        assertThat(alert()).isEmpty();
    }

    @Test
    void aComplaintClosedWithLowSatisfactionIsCriticalUntilALaterComplaintEndsWell() {
        customer.complaintFiled("k-1", T0).complaintClosed("k-1", 2, at(2));

        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.CRITICAL);
        assertThat(alert().orElseThrow().reasons().get(0).detail()).contains("satisfaction 2");

        customer.complaintFiled("k-2", at(3)).complaintClosed("k-2", 4, at(4));

        assertThat(alert()).isEmpty();
    }

    @Test
    void aComplaintClosedWithLowSatisfactionIsClearedByALaterPositiveScoreOnly() {
        customer.complaintFiled("k-1", T0).complaintClosed("k-1", 1, at(2));

        customer.scored(5, at(1));
        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.CRITICAL);

        customer.surveyed(4, at(3));
        assertThat(alert()).isEmpty();
    }

    @Test
    void lowSatisfactionIsAWarningUntilALaterScoreOfThreeOrMore() {
        customer.scored(2, at(1));

        ChurnAlert alert = alert().orElseThrow();
        assertThat(alert.level()).isEqualTo(ChurnLevel.WARNING);
        assertThat(alert.reasons()).extracting(ChurnAlert.Reason::reason).containsExactly(ChurnReason.LOW_SATISFACTION);
        assertThat(alert.raisedAt()).isEqualTo(at(1));

        customer.surveyed(1, at(2));
        assertThat(alert().orElseThrow().raisedAt()).as("still the same alert").isEqualTo(at(1));
        assertThat(alert().orElseThrow().reasons().get(0).detail()).contains("score 1");

        customer.scored(3, at(3));
        assertThat(alert()).isEmpty();

        customer.scored(1, at(2).plusSeconds(60));
        assertThat(alert()).as("a contact older than the latest score, logged late").isEmpty();
    }

    @Test
    void aTierDowngradeIsWatchedUntilTheNextUpgradeRetentionOrGrant() {
        customer.downgraded(Tier.GOLD, Tier.SILVER, at(1));
        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.WATCH);
        assertThat(alert().orElseThrow().reasons().get(0).suggestedAction()).isEqualTo(RetentionAction.TIER_RETENTION_OFFER);
        assertThat(alert().orElseThrow().reasons().get(0).detail()).contains("GOLD to SILVER");

        customer.retained(Tier.SILVER, at(2));
        assertThat(alert()).isEmpty();

        customer.downgraded(Tier.SILVER, Tier.BASE, at(3));
        assertThat(alert()).isPresent();
        customer.upgraded(Tier.BASE, Tier.SILVER, at(4));
        assertThat(alert()).isEmpty();

        customer.downgraded(Tier.SILVER, Tier.BASE, at(5));
        customer.granted(Tier.BASE, Tier.GOLD, at(6));
        assertThat(alert()).isEmpty();
    }

    @Test
    void optedOutOnEveryRecordedChannelIsUnreachableUntilAnyOptIn() {
        customer.consent(ContactChannel.EMAIL, true, at(1)).consent(ContactChannel.SMS, false, at(2));
        assertThat(alert()).as("still reachable by e-mail").isEmpty();

        customer.consent(ContactChannel.EMAIL, false, at(3));
        ChurnAlert alert = alert().orElseThrow();
        assertThat(alert.level()).isEqualTo(ChurnLevel.WATCH);
        assertThat(alert.raisedAt()).isEqualTo(at(3));
        assertThat(alert.reasons().get(0).reason()).isEqualTo(ChurnReason.UNREACHABLE);
        assertThat(alert.reasons().get(0).detail()).endsWith("EMAIL, SMS");
        assertThat(alert.reasons().get(0).suggestedAction()).isEqualTo(RetentionAction.CONSENT_REPERMISSION);

        customer.consent(ContactChannel.POST, false, at(4));
        assertThat(alert().orElseThrow().raisedAt()).isEqualTo(at(3));

        customer.consent(ContactChannel.POST, true, at(5));
        assertThat(alert()).isEmpty();
    }

    @Test
    void aSingleOptOutWithNoOptInRecordedIsUnreachable() {
        customer.consent(ContactChannel.SMS, false, at(1));

        assertThat(alert().orElseThrow().reasons()).extracting(ChurnAlert.Reason::reason).containsExactly(ChurnReason.UNREACHABLE);
    }

    @Test
    void theAlertHasTheHighestLevelOfItsReasonsAndTheTimeOfTheEarliest() {
        customer.downgraded(Tier.GOLD, Tier.SILVER, at(1));
        customer.scored(2, at(2));
        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.WARNING);

        customer.complaintFiled("k-1", at(3)).complaintReopened("k-1", at(4));
        ChurnAlert critical = alert().orElseThrow();
        assertThat(critical.level()).isEqualTo(ChurnLevel.CRITICAL);
        assertThat(critical.raisedAt()).isEqualTo(at(1));
        assertThat(critical.updatedAt()).isEqualTo(at(4));
        assertThat(critical.reasons()).extracting(ChurnAlert.Reason::reason)
                .containsExactly(ChurnReason.COMPLAINT, ChurnReason.LOW_SATISFACTION, ChurnReason.TIER_DOWNGRADE);
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("CRITICAL");

        customer.complaintClosed("k-1", 3, at(5));
        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.WARNING);
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isEqualTo("WARNING");

        customer.scored(4, at(6));
        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.WATCH);
        assertThat(alert().orElseThrow().raisedAt()).isEqualTo(at(1));
    }

    @Test
    void aClosedCustomerHasNoAlertUntilReactivatedThenTheReasonsThatStillHoldReturn() {
        customer.downgraded(Tier.GOLD, Tier.SILVER, at(1)).scored(1, at(2));
        timeBasedReason("c-1", ChurnReason.OVERDUE, at(2));

        customer.closed(at(3));
        assertThat(alert()).isEmpty();
        assertThat(reasonRows()).isZero();
        assertThat(churnLevelOnCustomerView(jdbc, "c-1")).isNull();

        customer.complaintFiled("k-1", at(4)).slaBreached("k-1", SlaDeadline.RESOLVE, at(5));
        assertThat(alert()).as("nothing is raised while closed").isEmpty();

        customer.reactivated(at(6));
        ChurnAlert back = alert().orElseThrow();
        assertThat(back.reasons()).extracting(ChurnAlert.Reason::reason)
                .containsExactly(ChurnReason.COMPLAINT, ChurnReason.LOW_SATISFACTION, ChurnReason.TIER_DOWNGRADE);
        assertThat(back.raisedAt()).isEqualTo(at(6));
    }

    @Test
    void aRedeliveryChangesNothing() {
        customer.consent(ContactChannel.EMAIL, false, at(1))
                .downgraded(Tier.GOLD, Tier.SILVER, at(2))
                .complaintFiled("k-1", at(3)).slaBreached("k-1", SlaDeadline.RESOLVE, at(4))
                .complaintFiled("k-2", at(5)).complaintClosed("k-2", 1, at(6))
                .scored(2, at(7))
                .consent(ContactChannel.EMAIL, true, at(8))
                .retained(Tier.SILVER, at(9))
                .complaintClosed("k-1", 5, at(10));
        List<String> before = ChurnTables.snapshot(jdbc);

        customer.redeliverAll();

        assertThat(ChurnTables.snapshot(jdbc)).isEqualTo(before);
        assertThat(alert().orElseThrow().reasons()).extracting(ChurnAlert.Reason::reason)
                .containsExactly(ChurnReason.LOW_SATISFACTION);
    }

    @Test
    void eachCustomerHasTheirOwnAlert() {
        ChurnTables.customerView(jdbc, "c-2");
        new ChurnHistory(projection, "c-2").complaintFiled("k-9", T0).complaintReopened("k-9", at(1));
        customer.downgraded(Tier.GOLD, Tier.SILVER, at(2));

        assertThat(views.find("c-2").orElseThrow().level()).isEqualTo(ChurnLevel.CRITICAL);
        assertThat(alert().orElseThrow().level()).isEqualTo(ChurnLevel.WATCH);
        assertThat(churnLevelOnCustomerView(jdbc, "c-2")).isEqualTo("CRITICAL");
    }

    private Optional<ChurnAlert> alert() {
        return views.find("c-1");
    }

    private int reasonRows() {
        return jdbc.sql("SELECT count(*) FROM churn_reason WHERE customer_id = 'c-1'").query(Integer.class).single();
    }

    /** A reason the scheduled evaluation raised. */
    private void timeBasedReason(String customerId, ChurnReason reason, Instant at) {
        jdbc.sql("INSERT INTO churn_reason (customer_id, reason, level, detail, raised_at) VALUES (?, ?, 'WARNING', 'evaluated', ?)")
                .params(customerId, reason.name(), Timestamp.from(at)).update();
    }

    private static Instant at(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }
}
