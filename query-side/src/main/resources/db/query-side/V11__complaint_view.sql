-- One row per complaint, built by the complaint-view projection; complaint statistics aggregate over it.
CREATE TABLE complaint_view (
    complaint_id             VARCHAR(64)  PRIMARY KEY,
    customer_id              VARCHAR(64)  NOT NULL,
    category                 VARCHAR(20)  NOT NULL,
    severity                 VARCHAR(20)  NOT NULL,
    channel                  VARCHAR(20),
    -- FILED, ACKNOWLEDGED, ASSIGNED, ESCALATED, RESOLVED, REOPENED, CLOSED
    state                    VARCHAR(20)  NOT NULL,
    escalation_level         INTEGER      NOT NULL DEFAULT 0,
    assignee                 VARCHAR(200),
    filed_at                 TIMESTAMPTZ  NOT NULL,
    acknowledge_due_by       TIMESTAMPTZ  NOT NULL,
    acknowledged_at          TIMESTAMPTZ,
    acknowledged_by          VARCHAR(200),
    -- the current resolution deadline (a reopening sets a new one)
    resolve_due_by           TIMESTAMPTZ  NOT NULL,
    -- the latest resolution
    resolved_at              TIMESTAMPTZ,
    resolved_by              VARCHAR(200),
    resolution_confirmed_at  TIMESTAMPTZ,
    follow_up_due_by         TIMESTAMPTZ,
    followed_up_at           TIMESTAMPTZ,
    closed_at                TIMESTAMPTZ,
    satisfaction             SMALLINT,
    acknowledge_breaches     INTEGER      NOT NULL DEFAULT 0,
    resolve_breaches         INTEGER      NOT NULL DEFAULT 0,
    follow_up_breaches       INTEGER      NOT NULL DEFAULT 0,
    breaches                 INTEGER      GENERATED ALWAYS AS (acknowledge_breaches + resolve_breaches + follow_up_breaches) STORED,
    -- null until the first resolution; then whether every resolution met its deadline
    resolved_within_sla      BOOLEAN,
    -- closed with satisfaction >= 4 after resolutions all within SLA
    recovered                BOOLEAN      NOT NULL DEFAULT FALSE,
    reopen_count             INTEGER      NOT NULL DEFAULT 0,
    -- sequence number of the complaint's last event applied: a redelivered event is recognised and skipped
    aggregate_version        BIGINT       NOT NULL
);
-- the list is newest filing first, keyset on (filed_at, complaint_id); statistics filter on filed_at
CREATE INDEX complaint_view_filed ON complaint_view (filed_at DESC, complaint_id DESC);
CREATE INDEX complaint_view_customer ON complaint_view (customer_id, filed_at DESC, complaint_id DESC);
CREATE INDEX complaint_view_state ON complaint_view (state, filed_at DESC, complaint_id DESC);
