package dev.rapport.query.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.writes.ProjectionWrites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * churn-alerts replayed in one batch of writes (as a rebuild does) ends in exactly the rows it holds when the same
 * events are handled live, one by one: a story of three customers, interleaved, that raises and clears every
 * event-driven reason (complaint breached, reopened, closed badly and recovered by a good score or a good closing; low
 * satisfaction by score and by survey; a tier downgrade settled by an upgrade, a retention and a grant; unreachable and
 * reachable again; closed and reactivated), with every event delivered a second time inside the batch.
 */
class BatchedChurnReplayTest {

    private static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");
    private static final List<String> CUSTOMERS = List.of("c-1", "c-2", "c-3");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ProjectionWrites writes = ProjectionDatabase.writes();
    private final ChurnAlertStream stream = new ChurnAlertStream(ChurnProperties.defaults(), new LiveStreams());
    private final ChurnAlertProjection projection = ChurnTables.projection(jdbc, writes, stream);

    @BeforeEach
    void customersOnTheCustomerView() {
        ProjectionDatabase.reset();
        CUSTOMERS.forEach(id -> ChurnTables.customerView(jdbc, id));
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void aBatchedReplayEndsInTheSameRowsAsTheEventsHandledLiveOneByOne() {
        List<ChurnHistory> live = histories();
        story(live);
        List<String> oneByOne = ChurnTables.snapshot(jdbc);
        assertThat(oneByOne).as("the story leaves alerts of every level and reasons of each kind")
                .anyMatch(row -> row.startsWith("alert ") && row.contains("CRITICAL"))
                .anyMatch(row -> row.startsWith("reason ") && row.contains("TIER_DOWNGRADE"))
                .anyMatch(row -> row.startsWith("reason ") && row.contains("LOW_SATISFACTION"))
                .anyMatch(row -> row.startsWith("reason ") && row.contains("UNREACHABLE"))
                .anyMatch(row -> row.startsWith("view ") && row.endsWith(" WARNING"))
                .anyMatch(row -> row.startsWith("complaint ") && row.contains("\"recovered\":true"));

        customersOnTheCustomerView();
        List<ChurnHistory> replayed = histories().stream().map(ChurnHistory::replaying).toList();
        writes.batched(() -> {
            story(replayed);
            replayed.forEach(ChurnHistory::redeliverAll);
            return null;
        });

        assertThat(ChurnTables.snapshot(jdbc)).isEqualTo(oneByOne);
    }

    private List<ChurnHistory> histories() {
        return CUSTOMERS.stream().map(id -> new ChurnHistory(projection, id)).toList();
    }

    /** Each step of the story happens to each customer before the next step, as events of many customers interleave. */
    private static void story(List<ChurnHistory> customers) {
        ChurnHistory first = customers.get(0);
        ChurnHistory second = customers.get(1);
        ChurnHistory third = customers.get(2);
        for (ChurnHistory customer : customers) {
            customer.complaintFiled("k-a-" + customers.indexOf(customer), at(1)).scored(2, at(2));
        }
        for (ChurnHistory customer : customers) {
            String complaint = "k-a-" + customers.indexOf(customer);
            customer.slaBreached(complaint, SlaDeadline.ACKNOWLEDGE, at(3)).complaintReopened(complaint, at(4))
                    .complaintClosed(complaint, 1, at(5)).downgraded(Tier.GOLD, Tier.SILVER, at(6));
        }
        first.complaintFiled("k-b", at(7)).complaintClosed("k-b", 5, at(8));
        second.scored(5, at(9)).surveyed(1, at(10)).scored(4, at(8));
        third.surveyed(2, at(11)).upgraded(Tier.SILVER, Tier.GOLD, at(12)).downgraded(Tier.GOLD, Tier.BASE, at(13));
        first.retained(Tier.SILVER, at(14)).consent(ContactChannel.EMAIL, false, at(15)).consent(ContactChannel.SMS, false, at(16));
        second.granted(Tier.SILVER, Tier.PLATINUM, at(17)).consent(ContactChannel.EMAIL, false, at(18))
                .consent(ContactChannel.EMAIL, true, at(19));
        third.closed(at(20)).reactivated(at(21)).consent(ContactChannel.POST, false, at(22));
        second.closed(at(23));
    }

    private static Instant at(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }
}
