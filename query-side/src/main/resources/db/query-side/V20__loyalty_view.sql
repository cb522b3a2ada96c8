-- Loyalty read model, built by the loyalty-view projection from the membership's events: one row per
-- membership, one row per sale credit (the rolling 12-month tier figures are summed from these at query
-- time) and one row per points lot (the expiry schedule).
CREATE TABLE membership_view (
    membership_id        VARCHAR(64)  PRIMARY KEY,
    customer_id          VARCHAR(64)  NOT NULL,
    member_number        VARCHAR(20)  NOT NULL,
    enrolled_at          TIMESTAMPTZ  NOT NULL,
    tier                 VARCHAR(10)  NOT NULL,
    tier_since           TIMESTAMPTZ  NOT NULL,
    granted_tier         VARCHAR(10),
    grant_expires_at     TIMESTAMPTZ,
    points_balance       BIGINT       NOT NULL DEFAULT 0,
    -- points reversed after they had been spent or had expired: new credits pay it off before they form a lot
    points_debt          BIGINT       NOT NULL DEFAULT 0,
    lifetime_earned      BIGINT       NOT NULL DEFAULT 0,
    lifetime_redeemed    BIGINT       NOT NULL DEFAULT 0,
    lifetime_expired     BIGINT       NOT NULL DEFAULT 0,
    lifetime_reversed    BIGINT       NOT NULL DEFAULT 0,
    last_review_outcome  VARCHAR(12),
    last_reviewed_at     TIMESTAMPTZ,
    -- sequence number of the membership's last event applied: a redelivered event is recognised and skipped
    aggregate_version    BIGINT       NOT NULL
);
-- membership ids are derived from customer ids: one membership per customer
CREATE UNIQUE INDEX membership_view_customer ON membership_view (customer_id);
CREATE INDEX membership_view_tier ON membership_view (tier, membership_id);

CREATE TABLE membership_qualifying (
    membership_id       VARCHAR(64)  NOT NULL,
    sale_id             VARCHAR(200) NOT NULL,
    -- the purchase time: places the sale in the rolling window
    earned_at           TIMESTAMPTZ  NOT NULL,
    -- the sale's base points net of the qualifying points its refunds took back
    qualifying_points   BIGINT       NOT NULL,
    sale_amount         NUMERIC      NOT NULL,
    refunded_amount     NUMERIC      NOT NULL DEFAULT 0,
    -- a sale refunded in full no longer counts as a purchase; a partly refunded one still does
    counts_as_purchase  BOOLEAN      GENERATED ALWAYS AS (refunded_amount < sale_amount) STORED,
    PRIMARY KEY (membership_id, sale_id)
);
CREATE INDEX membership_qualifying_window ON membership_qualifying (membership_id, earned_at);

CREATE TABLE membership_points_lot (
    membership_id    VARCHAR(64)  NOT NULL,
    -- sequence number of the PointsEarned that credited the lot: lots earned at the same instant are spent in
    -- the order they were credited, as the aggregate does
    credit_sequence  BIGINT       NOT NULL,
    source           VARCHAR(30)  NOT NULL,
    reference        VARCHAR(200),
    earned_at        TIMESTAMPTZ  NOT NULL,
    expires_at       TIMESTAMPTZ  NOT NULL,
    points           BIGINT       NOT NULL,
    -- what redemption, expiry and reversals (and paying off a debt) have left: 0 once used up
    remaining        BIGINT       NOT NULL,
    PRIMARY KEY (membership_id, credit_sequence)
);
CREATE INDEX membership_points_lot_open ON membership_points_lot (membership_id, earned_at, credit_sequence)
    WHERE remaining > 0;
