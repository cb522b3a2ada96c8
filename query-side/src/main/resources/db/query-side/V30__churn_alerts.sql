-- Churn early warning, built by the churn-alerts projection (event-driven reasons) and the scheduled churn
-- evaluation (time-based reasons). The state tables keep what the rules need from the events; churn_reason
-- holds every reason that holds now; churn_alert is one row per customer with at least one reason.

-- What the rules need to know about a customer, from the customer's, membership's and interactions' events.
CREATE TABLE churn_customer (
    customer_id             VARCHAR(64)  PRIMARY KEY,
    closed                  BOOLEAN      NOT NULL DEFAULT FALSE,
    reactivated_at          TIMESTAMPTZ,
    -- channel -> opted in, the latest decision per channel
    consents                JSONB        NOT NULL DEFAULT '{}',
    -- since when every channel with a recorded decision is opted out; NULL while one is opted in
    unreachable_since       TIMESTAMPTZ,
    -- the latest interaction satisfaction (or survey overall) by the time the contact happened
    last_score              SMALLINT,
    last_score_at           TIMESTAMPTZ,
    -- since when the latest scores are 2 or less; NULL once one is 3 or more
    low_satisfaction_since  TIMESTAMPTZ,
    -- the last tier review downgraded the member; NULL once upgraded, retained or granted a tier
    downgraded_at           TIMESTAMPTZ,
    downgraded_from         VARCHAR(10),
    downgraded_to           VARCHAR(10),
    -- sequence numbers of the last customer and membership events applied: a redelivery is recognised and skipped
    customer_version        BIGINT       NOT NULL DEFAULT -1,
    membership_version      BIGINT       NOT NULL DEFAULT -1
);

-- Each complaint as far as churn is concerned.
CREATE TABLE churn_complaint (
    complaint_id         VARCHAR(64)  PRIMARY KEY,
    customer_id          VARCHAR(64)  NOT NULL,
    open                 BOOLEAN      NOT NULL DEFAULT TRUE,
    -- the first SLA breach while open, and the deadline missed last
    breached_at          TIMESTAMPTZ,
    breached_deadline    VARCHAR(12),
    reopened_at          TIMESTAMPTZ,
    closed_at            TIMESTAMPTZ,
    closed_satisfaction  SMALLINT,
    -- a closure rated 2 or less stops counting once the customer is recovered: a later closure rated 4 or more,
    -- or a later interaction scored 4 or more
    recovered            BOOLEAN      NOT NULL DEFAULT FALSE,
    -- sequence number of the complaint's last event applied
    version              BIGINT       NOT NULL DEFAULT -1
);
CREATE INDEX churn_complaint_customer ON churn_complaint (customer_id);

-- Every reason that holds now. source tells reasons of one kind apart (the complaint id), '' when there is one.
CREATE TABLE churn_reason (
    customer_id  VARCHAR(64)  NOT NULL,
    reason       VARCHAR(20)  NOT NULL,
    source       VARCHAR(64)  NOT NULL DEFAULT '',
    level        VARCHAR(10)  NOT NULL CHECK (level IN ('WATCH', 'WARNING', 'CRITICAL')),
    level_rank   SMALLINT     GENERATED ALWAYS AS (CASE level WHEN 'WATCH' THEN 1 WHEN 'WARNING' THEN 2 ELSE 3 END) STORED,
    detail       TEXT         NOT NULL,
    -- the business time of the event that raised it, or the evaluation time for a time-based reason
    raised_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (customer_id, reason, source)
);
CREATE INDEX churn_reason_reason ON churn_reason (reason, customer_id);

-- The alert per customer: the highest level of its reasons.
CREATE TABLE churn_alert (
    customer_id  VARCHAR(64)  PRIMARY KEY,
    level        VARCHAR(10)  NOT NULL,
    level_rank   SMALLINT     NOT NULL,
    -- the earliest raised_at of the reasons present
    raised_at    TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    -- reason:source:level of every reason, sorted: the alert changes when this does
    signature    TEXT         NOT NULL
);
-- the list order: highest level first, then the longest-standing
CREATE INDEX churn_alert_list ON churn_alert (level_rank DESC, raised_at, customer_id);
