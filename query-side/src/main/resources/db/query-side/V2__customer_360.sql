-- Customer 360: relationship, activity, value and risk, all on the one customer_view row.
ALTER TABLE customer_view
    ADD COLUMN status               VARCHAR(10)   NOT NULL DEFAULT 'ACTIVE',
    ADD COLUMN closure_reason       VARCHAR(20),
    ADD COLUMN closed_at            TIMESTAMPTZ,
    ADD COLUMN partner              BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN account_manager_id   VARCHAR(100),
    ADD COLUMN referrals            INTEGER       NOT NULL DEFAULT 0,
    ADD COLUMN consents             JSONB         NOT NULL DEFAULT '{}',
    ADD COLUMN preferences          JSONB         NOT NULL DEFAULT '{}',
    ADD COLUMN first_purchase_at    TIMESTAMPTZ,
    ADD COLUMN last_purchase_at     TIMESTAMPTZ,
    ADD COLUMN purchase_count       INTEGER       NOT NULL DEFAULT 0,
    ADD COLUMN gross_spend          NUMERIC(18,4) NOT NULL DEFAULT 0,
    ADD COLUMN refunded             NUMERIC(18,4) NOT NULL DEFAULT 0,
    ADD COLUMN net_spend            NUMERIC(18,4) GENERATED ALWAYS AS (gross_spend - refunded) STORED,
    ADD COLUMN open_complaints      INTEGER       NOT NULL DEFAULT 0,
    ADD COLUMN last_interaction_at  TIMESTAMPTZ,
    ADD COLUMN last_interaction_channel VARCHAR(20),
    ADD COLUMN last_interaction_by  VARCHAR(100),
    ADD COLUMN last_satisfaction    SMALLINT,
    ADD COLUMN last_satisfaction_at TIMESTAMPTZ,
    ADD COLUMN membership_id        VARCHAR(64),
    ADD COLUMN loyalty_tier         VARCHAR(10),
    ADD COLUMN points_balance       BIGINT,
    -- time-dependent figures, refreshed by the segmentation job with the current clock (never by event handlers)
    ADD COLUMN net_spend_12m        NUMERIC(18,4) NOT NULL DEFAULT 0,
    ADD COLUMN purchases_12m        INTEGER       NOT NULL DEFAULT 0,
    ADD COLUMN ladder_stage         VARCHAR(12)   NOT NULL DEFAULT 'PROSPECT',
    ADD COLUMN lifecycle_stage      VARCHAR(12)   NOT NULL DEFAULT 'ACQUISITION',
    ADD COLUMN churn_level          VARCHAR(10),
    ADD COLUMN segments_as_of       TIMESTAMPTZ;

-- One row per sale, for the figures over time windows (12 months, RFM, purchase intervals).
CREATE TABLE customer_purchase (
    sale_id      VARCHAR(64)   PRIMARY KEY,
    customer_id  VARCHAR(64)   NOT NULL,
    order_id     VARCHAR(64)   NOT NULL,
    occurred_at  TIMESTAMPTZ   NOT NULL,
    amount       NUMERIC(18,4) NOT NULL,
    refunded     NUMERIC(18,4) NOT NULL DEFAULT 0,
    currency     CHAR(3)       NOT NULL
);
CREATE INDEX customer_purchase_customer ON customer_purchase (customer_id, occurred_at);

CREATE TABLE customer_refund (
    sale_id    VARCHAR(64) NOT NULL,
    refund_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (sale_id, refund_id)
);

CREATE TABLE customer_open_complaint (
    complaint_id VARCHAR(64) PRIMARY KEY,
    customer_id  VARCHAR(64) NOT NULL
);

CREATE INDEX customer_view_tier ON customer_view (loyalty_tier, customer_id);
CREATE INDEX customer_view_net_spend ON customer_view (net_spend, customer_id);
CREATE INDEX customer_view_last_purchase ON customer_view (last_purchase_at, customer_id);
CREATE INDEX customer_view_churn ON customer_view (churn_level, customer_id);
