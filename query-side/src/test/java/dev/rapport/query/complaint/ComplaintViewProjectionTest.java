package dev.rapport.query.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import dev.rapport.events.complaint.ComplaintCategory;
import dev.rapport.events.complaint.ComplaintFiled;
import dev.rapport.events.complaint.ComplaintSlaBreached;
import dev.rapport.events.complaint.Severity;
import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.interaction.InteractionChannel;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class ComplaintViewProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ComplaintViewProjection projection = new ComplaintViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    private final ComplaintViews views = new ComplaintViews(jdbc);

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @Test
    void aComplaintHandledWithinEveryDeadlineAndRatedWellIsRecovered() {
        story("k-1", "c-1").filed(ComplaintCategory.DELIVERY, Severity.HIGH, T0)
                .acknowledged(2).assigned(3, "team-delivery").resolved(30).followedUp(40).confirmed(41).closed(42, 5);

        ComplaintView view = view("k-1");
        assertThat(view.customerId()).isEqualTo("c-1");
        assertThat(view.category()).isEqualTo(ComplaintCategory.DELIVERY);
        assertThat(view.severity()).isEqualTo(Severity.HIGH);
        assertThat(view.channel()).isEqualTo(InteractionChannel.PHONE);
        assertThat(view.state()).isEqualTo(ComplaintState.CLOSED);
        assertThat(view.filedAt()).isEqualTo(T0);
        assertThat(view.acknowledgeDueBy()).isEqualTo(T0.plusSeconds(8 * 3600));
        assertThat(view.acknowledgedAt()).isEqualTo(T0.plusSeconds(2 * 3600));
        assertThat(view.acknowledgedBy()).isEqualTo("emp-1");
        assertThat(view.assignee()).isEqualTo("team-delivery");
        assertThat(view.resolvedAt()).isEqualTo(T0.plusSeconds(30 * 3600));
        assertThat(view.resolvedBy()).isEqualTo("emp-2");
        assertThat(view.followUpDueBy()).isEqualTo(T0.plusSeconds((30 + 72) * 3600));
        assertThat(view.followedUpAt()).isEqualTo(T0.plusSeconds(40 * 3600));
        assertThat(view.resolutionConfirmedAt()).isEqualTo(T0.plusSeconds(41 * 3600));
        assertThat(view.closedAt()).isEqualTo(T0.plusSeconds(42 * 3600));
        assertThat(view.satisfaction()).isEqualTo(5);
        assertThat(view.slaBreaches()).isZero();
        assertThat(view.breachesByDeadline()).isEmpty();
        assertThat(view.resolvedWithinSla()).isTrue();
        assertThat(view.recovered()).isTrue();
        assertThat(view.escalationLevel()).isZero();
        assertThat(view.reopenCount()).isZero();
    }

    @Test
    void aMissedAcknowledgementIsABreachThatEscalatesAndTheComplaintStaysEscalated() {
        story("k-1", "c-1").filed(ComplaintCategory.BILLING, Severity.CRITICAL, T0)
                .breached(SlaDeadline.ACKNOWLEDGE, 2.5).acknowledged(3).assigned(4, "emp-9");

        ComplaintView view = view("k-1");
        assertThat(view.state()).isEqualTo(ComplaintState.ESCALATED);
        assertThat(view.escalationLevel()).isEqualTo(1);
        assertThat(view.acknowledgedAt()).isEqualTo(T0.plusSeconds(3 * 3600));
        assertThat(view.assignee()).isEqualTo("emp-9");
        assertThat(view.slaBreaches()).isEqualTo(1);
        assertThat(view.breachesByDeadline()).isEqualTo(Map.of(SlaDeadline.ACKNOWLEDGE, 1));
        assertThat(view.resolvedWithinSla()).isNull();
    }

    @Test
    void aReopenedComplaintGetsANewDeadlineAndIsNotRecoveredWhenItsSecondResolutionIsLate() {
        ComplaintStory story = story("k-1", "c-1").filed(ComplaintCategory.PRODUCT, Severity.MEDIUM, T0)
                .acknowledged(1).resolved(24).confirmed(25).reopened(48);
        assertThat(view("k-1").state()).isEqualTo(ComplaintState.REOPENED);
        assertThat(view("k-1").resolveDueBy()).isEqualTo(T0.plusSeconds((48 + 7 * 24) * 3600));
        assertThat(view("k-1").followUpDueBy()).isNull();
        assertThat(view("k-1").resolutionConfirmedAt()).isNull();

        story.breached(SlaDeadline.RESOLVE, 48 + 7 * 24 + 1).resolved(48 + 8 * 24).closed(48 + 9 * 24, 5);

        ComplaintView view = view("k-1");
        assertThat(view.state()).isEqualTo(ComplaintState.CLOSED);
        assertThat(view.reopenCount()).isEqualTo(1);
        assertThat(view.resolvedAt()).isEqualTo(story.at(48 + 8 * 24));
        assertThat(view.breachesByDeadline()).isEqualTo(Map.of(SlaDeadline.RESOLVE, 1));
        assertThat(view.escalationLevel()).isEqualTo(1);
        assertThat(view.resolvedWithinSla()).isFalse();
        assertThat(view.satisfaction()).isEqualTo(5);
        assertThat(view.recovered()).isFalse();
    }

    @Test
    void aMissedFollowUpIsABreachButTheComplaintStaysResolved() {
        story("k-1", "c-1").filed(ComplaintCategory.SERVICE, Severity.LOW, T0)
                .acknowledged(1).resolved(10).breached(SlaDeadline.FOLLOW_UP, 10 + 73).followedUp(90);

        ComplaintView view = view("k-1");
        assertThat(view.state()).isEqualTo(ComplaintState.RESOLVED);
        assertThat(view.escalationLevel()).isEqualTo(1);
        assertThat(view.breachesByDeadline()).isEqualTo(Map.of(SlaDeadline.FOLLOW_UP, 1));
        assertThat(view.resolvedWithinSla()).isTrue();
        assertThat(view.followedUpAt()).isEqualTo(T0.plusSeconds(90 * 3600));
    }

    @Test
    void aClosureRatedBelowFourIsNotARecovery() {
        story("k-1", "c-1").filed(ComplaintCategory.STAFF, Severity.LOW, T0).acknowledged(1).resolved(5).closed(6, 3);

        assertThat(view("k-1").recovered()).isFalse();
        assertThat(view("k-1").resolvedWithinSla()).isTrue();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        story("k-1", "c-1").filed(ComplaintCategory.BILLING, Severity.LOW, T0).redeliveredLast()
                .breached(SlaDeadline.ACKNOWLEDGE, 25).redeliveredLast()
                .acknowledged(26).redeliveredLast()
                .resolved(30).reopened(31).redeliveredAll();

        ComplaintView view = view("k-1");
        assertThat(view.breachesByDeadline()).isEqualTo(Map.of(SlaDeadline.ACKNOWLEDGE, 1));
        assertThat(view.escalationLevel()).isEqualTo(1);
        assertThat(view.reopenCount()).isEqualTo(1);
        assertThat(view.state()).isEqualTo(ComplaintState.REOPENED);
    }

    @Test
    void complaintsOfDifferentCustomersArrivingInterleavedEachEndUpRight() {
        ComplaintStory first = story("k-1", "c-1");
        ComplaintStory second = story("k-2", "c-2");
        second.filed(ComplaintCategory.OTHER, Severity.HIGH, T0.plusSeconds(3600));
        first.filed(ComplaintCategory.PRODUCT, Severity.LOW, T0);
        second.breached(SlaDeadline.ACKNOWLEDGE, 9).acknowledged(10);
        first.acknowledged(1);
        second.resolved(20).closed(21, 4);
        first.resolved(30);

        assertThat(view("k-1").state()).isEqualTo(ComplaintState.RESOLVED);
        assertThat(view("k-1").slaBreaches()).isZero();
        assertThat(view("k-2").state()).isEqualTo(ComplaintState.CLOSED);
        assertThat(view("k-2").slaBreaches()).isEqualTo(1);
        assertThat(view("k-2").recovered()).isTrue();
    }

    @Test
    void axonFindsTheHandlersAndGivesThemTheSequenceNumber() throws Exception {
        var adapter = new AnnotationEventHandlerAdapter(projection);
        adapter.handle(new GenericDomainEventMessage<>("Complaint", "k-1", 0, new ComplaintFiled("k-1", "c-1",
                ComplaintCategory.OTHER, Severity.LOW, InteractionChannel.WEB, "text", T0, T0.plusSeconds(60), T0.plusSeconds(120))));
        var breach = new ComplaintSlaBreached("k-1", "c-1", SlaDeadline.ACKNOWLEDGE, T0.plusSeconds(60), T0.plusSeconds(90), 30);
        adapter.handle(new GenericDomainEventMessage<>("Complaint", "k-1", 1, breach));
        adapter.handle(new GenericDomainEventMessage<>("Complaint", "k-1", 1, breach));

        assertThat(view("k-1").breachesByDeadline()).isEqualTo(Map.of(SlaDeadline.ACKNOWLEDGE, 1));
    }

    @Test
    void aResetEmptiesTheViewForAReplay() {
        story("k-1", "c-1").filed(ComplaintCategory.PRODUCT, Severity.LOW, T0);
        projection.reset();

        assertThat(views.find("k-1")).isEmpty();
    }

    private ComplaintStory story(String complaintId, String customerId) {
        return new ComplaintStory(projection, complaintId, customerId);
    }

    private ComplaintView view(String complaintId) {
        return views.find(complaintId).orElseThrow();
    }
}
