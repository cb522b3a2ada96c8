package dev.rapport.query.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import dev.rapport.events.complaint.SlaDeadline;
import dev.rapport.events.customer.ContactChannel;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each event re-derives only the kinds of reason whose state it changed. That is right only if re-deriving every kind
 * would change nothing: after every event of random histories (every event type, scores out of order, complaints
 * closed badly and recovered, closing and reactivating), the full derivation must leave every churn row as it is.
 */
class ReasonKindsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> CUSTOMERS = List.of("k-1", "k-2");
    private static final Tier[] TIERS = Tier.values();

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ChurnAlertStream stream = new ChurnAlertStream(ChurnProperties.defaults(), new LiveStreams());
    private final ChurnAlertProjection projection = ChurnTables.projection(jdbc, ProjectionDatabase.writes(), stream);
    private final EventDrivenReasons reasons = new EventDrivenReasons();

    @BeforeEach
    void customersOnTheCustomerView() {
        ProjectionDatabase.reset();
        CUSTOMERS.forEach(id -> ChurnTables.customerView(jdbc, id));
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void afterEveryEventTheFullDerivationChangesNothing(long seed) {
        Random random = new Random(seed);
        List<ChurnHistory> histories = CUSTOMERS.stream().map(id -> new ChurnHistory(projection, id)).toList();
        List<List<String>> complaints = CUSTOMERS.stream().map(id -> (List<String>) new ArrayList<String>()).toList();
        List<String> kinds = new ArrayList<>();
        Set<String> reasonsSeen = new TreeSet<>();
        for (int step = 0; step < 100; step++) {
            int who = random.nextInt(CUSTOMERS.size());
            String kind = randomEvent(random, histories.get(who), CUSTOMERS.get(who), complaints.get(who), T0.plusSeconds(3600L * step));
            kinds.add(kind);
            List<String> before = ChurnTables.snapshot(jdbc);

            reasons.refreshAll((key, sql, params) -> jdbc.sql(sql).params(params).update(), CUSTOMERS.get(who));

            assertThat(ChurnTables.snapshot(jdbc)).as("seed %d, after %s", seed, kinds).isEqualTo(before);
            before.stream().filter(row -> row.startsWith("reason ")).map(row -> row.replaceAll(".*\"reason\":\"([A-Z_]+)\".*", "$1"))
                    .forEach(reasonsSeen::add);
        }
        assertThat(reasonsSeen).as("kinds of reason the history raised on the way").hasSizeGreaterThanOrEqualTo(3);
    }

    /** Delivers one random event to the customer; returns its name. */
    private static String randomEvent(Random random, ChurnHistory customer, String customerId, List<String> complaints, Instant at) {
        int pick = random.nextInt(12);
        if (pick >= 4 && pick <= 6 && complaints.isEmpty()) {
            pick = 3;
        }
        String complaint = complaints.isEmpty() ? null : complaints.get(random.nextInt(complaints.size()));
        int score = 1 + random.nextInt(5);
        switch (pick) {
            case 0 -> customer.consent(ContactChannel.values()[random.nextInt(ContactChannel.values().length)], random.nextBoolean(), at);
            case 1 -> customer.closed(at);
            case 2 -> customer.reactivated(at);
            case 3 -> {
                complaint = customerId + "-c-" + complaints.size();
                complaints.add(complaint);
                customer.complaintFiled(complaint, at);
            }
            case 4 -> customer.slaBreached(complaint, random.nextBoolean() ? SlaDeadline.ACKNOWLEDGE : SlaDeadline.RESOLVE, at);
            case 5 -> customer.complaintReopened(complaint, at);
            case 6 -> customer.complaintClosed(complaint, score, at);
            // an older contact's score comes late now and then
            case 7 -> customer.scored(score, random.nextInt(4) == 0 ? at.minusSeconds(7200) : at);
            case 8 -> customer.surveyed(score, at);
            case 9 -> customer.downgraded(TIERS[1 + random.nextInt(TIERS.length - 1)], TIERS[0], at);
            case 10 -> customer.upgraded(TIERS[0], TIERS[1], at);
            default -> {
                if (random.nextBoolean()) {
                    customer.retained(TIERS[0], at);
                } else {
                    customer.granted(TIERS[0], TIERS[1], at);
                }
            }
        }
        return switch (pick) {
            case 0 -> "consent";
            case 1 -> "closed";
            case 2 -> "reactivated";
            case 3 -> "filed " + complaint;
            case 4 -> "breached " + complaint;
            case 5 -> "reopened " + complaint;
            case 6 -> "closed " + complaint + " " + score;
            case 7 -> "scored " + score;
            case 8 -> "surveyed " + score;
            case 9 -> "downgraded";
            case 10 -> "upgraded";
            default -> "tier settled";
        };
    }
}
