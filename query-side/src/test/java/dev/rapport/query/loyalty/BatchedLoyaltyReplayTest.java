package dev.rapport.query.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * loyalty-view written in one batch (as a rebuild does, and a live processor may) ends in exactly the rows it holds
 * written event by event: three memberships, interleaved, through sales and bonuses, redemptions, refunds taken from
 * the sale's lot, from older lots and beyond them into debt that later credits pay off, an expiry run, and every tier
 * change (upgrade, grant, grant expiry, retention, downgrade), with every event delivered a second time in the batch.
 */
class BatchedLoyaltyReplayTest {

    private static final Instant T0 = Instant.parse("2025-01-02T09:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final ProjectionWrites writes = ProjectionDatabase.writes();
    private final LoyaltyViewProjection projection = new LoyaltyViewProjection(writes, new SimpleMeterRegistry());

    @BeforeEach
    void empty() {
        ProjectionDatabase.reset();
    }

    @Test
    void aBatchedStoryEndsInTheSameRowsAsOneWrittenEventByEvent() {
        story(members());
        List<String> oneByOne = rows();
        assertThat(oneByOne).as("the story ends with debt, a used-up lot, a refunded sale and a downgrade")
                .anyMatch(row -> row.startsWith("member") && row.contains("\"points_debt\":") && !row.contains("\"points_debt\":0"))
                .anyMatch(row -> row.startsWith("lot") && row.contains("\"remaining\":0"))
                .anyMatch(row -> row.startsWith("qualifying") && !row.contains("\"refunded_amount\":0"))
                .anyMatch(row -> row.contains("DOWNGRADED"));

        ProjectionDatabase.reset();
        List<MembershipHistory> replayed = members();
        writes.batched(() -> {
            story(replayed);
            replayed.forEach(member -> member.redeliverFrom(0));
            return null;
        });

        assertThat(rows()).isEqualTo(oneByOne);
    }

    private List<MembershipHistory> members() {
        return List.of("c-1", "c-2", "c-3").stream().map(id -> new MembershipHistory(projection, id)).toList();
    }

    private static void story(List<MembershipHistory> members) {
        for (MembershipHistory member : members) {
            member.enrolled(T0).sale("s-1-" + member.id(), at(1), 1250, 1000, "1000.00").bonus("SPRING", at(2), 300);
        }
        for (MembershipHistory member : members) {
            member.sale("s-2-" + member.id(), at(3), 500).redeemed(400, at(4))
                    .reversed("s-2-" + member.id(), "r-1", 300, 300, "300", at(5));
        }
        MembershipHistory first = members.get(0);
        MembershipHistory second = members.get(1);
        MembershipHistory third = members.get(2);
        // more reversed than the lots hold: the rest becomes debt, which the next credit pays off first
        first.redeemed(1000, at(6)).reversed("s-1-" + first.id(), "r-2", 1100, 800, "800", at(7)).bonus("SUMMER", at(8), 100)
                .upgraded(Tier.BASE, Tier.SILVER, at(9)).downgraded(Tier.SILVER, Tier.BASE, at(10));
        second.reversed("s-1-" + second.id(), "r-3", 2000, 1000, "1000", at(11))
                .granted(Tier.BASE, Tier.GOLD, at(12), at(400)).grantExpired(Tier.GOLD, Tier.BASE, at(400));
        third.expired(1050, MembershipHistory.expiryOf(at(1))).upgraded(Tier.BASE, Tier.SILVER, at(13))
                .granted(Tier.SILVER, Tier.PLATINUM, at(14), at(500)).upgraded(Tier.PLATINUM, Tier.PLATINUM, at(15))
                .retained(Tier.PLATINUM, at(16));
    }

    private List<String> rows() {
        return jdbc.sql("""
                        SELECT t FROM (
                            SELECT 'member ' || row_to_json(m)::text AS t FROM membership_view m
                            UNION ALL SELECT 'qualifying ' || row_to_json(q)::text FROM membership_qualifying q
                            UNION ALL SELECT 'lot ' || row_to_json(l)::text FROM membership_points_lot l) rows ORDER BY 1""")
                .query(String.class).list();
    }

    private static Instant at(int days) {
        return T0.plusSeconds(days * 86_400L);
    }
}
