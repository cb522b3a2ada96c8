package dev.rapport.query.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.query.loyalty.MembershipDetails.ExpiringPoints;
import dev.rapport.query.loyalty.MembershipDetails.Grant;
import dev.rapport.query.loyalty.MembershipDetails.LastReview;
import dev.rapport.query.loyalty.MembershipDetails.LifetimePoints;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the loyalty tables. Instants that bound a figure are given by the caller: nothing here reads a clock. */
@Repository
class MembershipViews {

    private static final String COLUMNS = """
            membership_id, customer_id, member_number, enrolled_at, tier, tier_since, granted_tier, grant_expires_at,
            points_balance, lifetime_earned, lifetime_redeemed, lifetime_expired, lifetime_reversed,
            last_review_outcome, last_reviewed_at""";

    private final JdbcClient jdbc;

    MembershipViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A membership as stored.
     *
     * @param grant      null when no grant runs
     * @param lastReview null before the first review
     */
    record StoredMembership(MembershipSummary summary, Instant tierSince, Grant grant, LifetimePoints lifetime,
                            LastReview lastReview) {
    }

    /** Which memberships to list: null filters are left out. */
    record Filter(Tier tier, Long minBalance) {
    }

    Optional<StoredMembership> find(String membershipId) {
        return findWhere("membership_id", membershipId);
    }

    Optional<StoredMembership> findByCustomer(String customerId) {
        return findWhere("customer_id", customerId);
    }

    /** Qualifying points and purchases of the sales bought after {@code windowStart}, up to {@code asOf}. */
    QualifyingFigures qualifyingFigures(String membershipId, Instant windowStart, Instant asOf) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(qualifying_points), 0) AS points,
                               COUNT(*) FILTER (WHERE counts_as_purchase) AS purchases
                        FROM membership_qualifying
                        WHERE membership_id = :membership AND earned_at > :windowStart AND earned_at <= :asOf""")
                .param("membership", membershipId)
                .param("windowStart", Timestamp.from(windowStart))
                .param("asOf", Timestamp.from(asOf))
                .query((rs, row) -> new QualifyingFigures(rs.getLong("points"), rs.getInt("purchases"), windowStart, asOf))
                .single();
    }

    /** Points left in lots that expire after {@code after}, per month of expiry, soonest first. */
    List<ExpiringPoints> expirySchedule(String membershipId, Instant after) {
        return jdbc.sql("""
                        SELECT date_trunc('month', expires_at AT TIME ZONE 'UTC') AS month, MIN(expires_at) AS expires_at,
                               SUM(remaining) AS points
                        FROM membership_points_lot
                        WHERE membership_id = :membership AND remaining > 0 AND expires_at > :after
                        GROUP BY 1 ORDER BY 1""")
                .param("membership", membershipId)
                .param("after", Timestamp.from(after))
                .query((rs, row) -> new ExpiringPoints(
                        YearMonth.from(rs.getObject("month", LocalDateTime.class)),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getLong("points")))
                .list();
    }

    /** Up to {@code limit} memberships passing the filter, by membership id, after {@code afterId} when given. */
    List<MembershipSummary> page(Filter filter, String afterId, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.tier() != null) {
            conditions.add("tier = :tier");
            params.put("tier", filter.tier().name());
        }
        if (filter.minBalance() != null) {
            conditions.add("points_balance >= :minBalance");
            params.put("minBalance", filter.minBalance());
        }
        if (afterId != null) {
            conditions.add("membership_id > :after");
            params.put("after", afterId);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql("SELECT " + COLUMNS + " FROM membership_view" + where + " ORDER BY membership_id LIMIT :limit")
                .params(params)
                .param("limit", limit)
                .query((rs, row) -> summary(rs))
                .list();
    }

    /** Members per tier held, every tier present. */
    Map<Tier, Long> tierCounts() {
        Map<Tier, Long> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0L);
        }
        jdbc.sql("SELECT tier, COUNT(*) AS members FROM membership_view GROUP BY tier")
                .query(rs -> {
                    counts.put(Tier.valueOf(rs.getString("tier")), rs.getLong("members"));
                });
        return counts;
    }

    private Optional<StoredMembership> findWhere(String column, String value) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM membership_view WHERE " + column + " = ?")
                .param(value)
                .query(MembershipViews::stored)
                .optional();
    }

    private static StoredMembership stored(ResultSet rs, int row) throws SQLException {
        Instant grantExpiresAt = instant(rs, "grant_expires_at");
        String reviewOutcome = rs.getString("last_review_outcome");
        return new StoredMembership(
                summary(rs),
                instant(rs, "tier_since"),
                grantExpiresAt == null ? null : new Grant(Tier.valueOf(rs.getString("granted_tier")), grantExpiresAt),
                new LifetimePoints(rs.getLong("lifetime_earned"), rs.getLong("lifetime_redeemed"),
                        rs.getLong("lifetime_expired"), rs.getLong("lifetime_reversed")),
                reviewOutcome == null ? null : new LastReview(ReviewOutcome.valueOf(reviewOutcome), instant(rs, "last_reviewed_at")));
    }

    private static MembershipSummary summary(ResultSet rs) throws SQLException {
        String grantedTier = rs.getString("granted_tier");
        return new MembershipSummary(
                rs.getString("membership_id"),
                rs.getString("customer_id"),
                rs.getString("member_number"),
                instant(rs, "enrolled_at"),
                Tier.valueOf(rs.getString("tier")),
                grantedTier == null ? null : Tier.valueOf(grantedTier),
                rs.getLong("points_balance"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
