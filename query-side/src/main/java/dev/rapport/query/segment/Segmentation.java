package dev.rapport.query.segment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The population-relative and time-dependent figures of {@code customer_view}, recomputed as of now
 * from the projection tables (never per event, never inside an event handler): 12-month purchases and
 * net spend, RFM quintile scores and named segment, ABC (80/20) class, value class, loyalty-ladder and
 * lifecycle stage (DOMAIN.md, Derived views). One set-based statement; runs on one node at a time.
 */
@Component
public class Segmentation {

    private static final Logger log = LoggerFactory.getLogger(Segmentation.class);
    private static final long LOCK = 0x5e9_3e47L;

    private final JdbcClient jdbc;
    private final Clock clock;

    Segmentation(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return the number of customers updated, or -1 when another node is recomputing right now */
    @Transactional
    public int recompute() {
        return recomputeAsOf(clock.instant());
    }

    /** Recomputes as of a given instant, e.g. the end of an imported history. */
    @Transactional
    public int recomputeAsOf(Instant now) {
        Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
        if (!locked) {
            return -1;
        }
        var utc = now.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql(SQL)
                .param("now", Timestamp.from(now))
                .param("since12m", Timestamp.from(utc.minusMonths(12).toInstant()))
                .param("since24m", Timestamp.from(utc.minusMonths(24).toInstant()))
                .param("since180d", Timestamp.from(now.minusSeconds(180L * 86_400)))
                .param("since365d", Timestamp.from(now.minusSeconds(365L * 86_400)))
                .update();
        log.info("Segmentation as of {}: {} customers", now, updated);
        return updated;
    }

    private static final String SQL = """
            WITH windows AS (
                SELECT v.customer_id,
                       count(p.sale_id) FILTER (WHERE p.occurred_at > :since12m AND p.occurred_at <= :now) AS purchases_12m,
                       coalesce(sum(p.amount - p.refunded) FILTER (WHERE p.occurred_at > :since12m AND p.occurred_at <= :now), 0) AS spend_12m,
                       coalesce(sum(p.amount - p.refunded) FILTER (WHERE p.occurred_at > :since24m AND p.occurred_at <= :since12m), 0) AS spend_prev_12m,
                       max(p.occurred_at) FILTER (WHERE p.occurred_at <= :now) AS last_purchase,
                       min(p.occurred_at) AS first_purchase
                FROM customer_view v LEFT JOIN customer_purchase p ON p.customer_id = v.customer_id
                GROUP BY v.customer_id
            ),
            buyers AS (
                SELECT customer_id,
                       floor(extract(epoch FROM (:now - last_purchase)) / 86400)::int AS recency_days,
                       purchases_12m, spend_12m
                FROM windows WHERE last_purchase IS NOT NULL
            ),
            scored AS (
                -- quintile of the share of buyers strictly worse: equal values share the score of their lowest member
                SELECT customer_id, recency_days,
                       least(5, 1 + 5 * (rank() OVER (ORDER BY recency_days DESC) - 1) / greatest(count(*) OVER () - 1, 1))::smallint AS r,
                       least(5, 1 + 5 * (rank() OVER (ORDER BY purchases_12m) - 1) / greatest(count(*) OVER () - 1, 1))::smallint AS f,
                       least(5, 1 + 5 * (rank() OVER (ORDER BY spend_12m) - 1) / greatest(count(*) OVER () - 1, 1))::smallint AS m
                FROM buyers
            ),
            ranked AS (
                SELECT customer_id, cume_dist() OVER (ORDER BY spend_12m DESC) AS top_share
                FROM windows WHERE spend_12m > 0
            ),
            computed AS (
                SELECT w.customer_id, w.purchases_12m, round(w.spend_12m, 2) AS spend_12m, w.spend_prev_12m,
                       w.first_purchase, w.last_purchase, s.recency_days, s.r, s.f, s.m,
                       CASE WHEN r.top_share IS NULL THEN CASE WHEN w.last_purchase IS NULL THEN NULL ELSE 'C' END
                            WHEN r.top_share <= 0.2 THEN 'A' WHEN r.top_share <= 0.5 THEN 'B' ELSE 'C' END AS abc,
                       (s.f + s.m + 1) / 2 AS fm
                FROM windows w LEFT JOIN scored s USING (customer_id) LEFT JOIN ranked r USING (customer_id)
            )
            UPDATE customer_view v SET
                purchases_12m = c.purchases_12m,
                net_spend_12m = c.spend_12m,
                recency_days = c.recency_days,
                r_score = c.r, f_score = c.f, m_score = c.m,
                rfm_segment = CASE
                    WHEN c.r IS NULL THEN NULL
                    WHEN c.r >= 4 AND c.fm >= 4 THEN 'CHAMPIONS'
                    WHEN c.r = 3 AND c.fm >= 4 THEN 'LOYAL'
                    WHEN c.r >= 4 AND c.fm >= 2 THEN 'POTENTIAL_LOYALIST'
                    WHEN c.r = 5 THEN 'NEW'
                    WHEN c.r = 4 THEN 'PROMISING'
                    WHEN c.r = 3 THEN 'NEEDS_ATTENTION'
                    WHEN c.fm = 5 THEN 'CANT_LOSE'
                    WHEN c.fm >= 3 THEN 'AT_RISK'
                    WHEN c.r = 2 THEN 'HIBERNATING'
                    ELSE 'LOST' END,
                abc_class = c.abc,
                value_class = CASE
                    WHEN c.last_purchase IS NULL THEN NULL
                    WHEN v.net_spend <= 0 THEN 'BELOW_ZERO'
                    WHEN c.abc = 'A' THEN 'MVC'
                    WHEN c.spend_12m > 0 AND c.spend_12m >= 1.5 * c.spend_prev_12m THEN 'MGC'
                    ELSE 'MAINTAIN' END,
                ladder_stage = CASE
                    WHEN v.partner THEN 'PARTNER'
                    WHEN c.first_purchase IS NULL THEN 'PROSPECT'
                    WHEN c.purchases_12m >= 2 AND v.open_complaints = 0
                         AND (v.referrals > 0 OR coalesce(v.last_satisfaction, 0) >= 4) THEN 'ADVOCATE'
                    WHEN c.purchases_12m >= 2 THEN 'CLIENT'
                    ELSE 'CUSTOMER' END,
                lifecycle_stage = CASE
                    WHEN v.status = 'CLOSED' OR (c.last_purchase IS NOT NULL AND c.last_purchase <= :since365d) THEN 'TERMINATION'
                    WHEN c.first_purchase IS NULL THEN 'ACQUISITION'
                    WHEN (c.spend_prev_12m > 0 AND c.spend_12m <= 0.7 * c.spend_prev_12m)
                         OR v.churn_level IN ('WARNING', 'CRITICAL') THEN 'DECLINE'
                    WHEN c.first_purchase > :since180d
                         OR (c.spend_prev_12m > 0 AND c.spend_12m >= 1.2 * c.spend_prev_12m) THEN 'GROWTH'
                    ELSE 'MATURITY' END,
                segments_as_of = :now
            FROM computed c
            WHERE v.customer_id = c.customer_id""";
}
