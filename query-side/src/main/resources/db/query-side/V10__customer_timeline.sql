-- Every event of a customer as one human-readable line, built by the customer-timeline projection.
-- Keyed by the event's global position in the log, so a redelivered event is written once.
-- The summary never holds personal free text (see TimelineEntries).
CREATE TABLE customer_timeline (
    position      BIGINT       PRIMARY KEY,
    customer_id   VARCHAR(64)  NOT NULL,
    -- the event's business time (occurredAt, filedAt...), else when it was stored
    occurred_at   TIMESTAMPTZ  NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    summary       TEXT         NOT NULL,
    actor         TEXT,
    source        TEXT,
    channel       VARCHAR(20),
    aggregate_id  VARCHAR(100),
    event_id      VARCHAR(100) NOT NULL
);
-- newest first per customer, keyset on position; the second serves the event-type filter
CREATE INDEX customer_timeline_by_customer ON customer_timeline (customer_id, position DESC);
CREATE INDEX customer_timeline_by_customer_type ON customer_timeline (customer_id, event_type, position DESC);
