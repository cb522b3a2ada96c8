-- Customer 360, one row per customer, built by the customer-view projection from the event log.
CREATE TABLE customer_view (
    customer_id        VARCHAR(64)  PRIMARY KEY,
    display_name       VARCHAR(200) NOT NULL,
    customer_type      VARCHAR(20)  NOT NULL,
    email              VARCHAR(254),
    phone              VARCHAR(40),
    preferred_channel  VARCHAR(20),
    locale             VARCHAR(35),
    region             VARCHAR(100),
    date_of_birth      DATE,
    industry           VARCHAR(100),
    company_size       INTEGER,
    tags               TEXT[]       NOT NULL DEFAULT '{}',
    registered_at      TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    -- sequence number of the customer's last event applied: a redelivered event is recognised and skipped
    aggregate_version  BIGINT       NOT NULL
);
CREATE INDEX customer_view_registered ON customer_view (registered_at, customer_id);
