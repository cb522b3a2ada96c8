-- Who read which customer's history, when and how: every audit read is itself recorded.
CREATE TABLE audit_access_log (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    accessed_at  TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    customer_id  VARCHAR(64),
    action       VARCHAR(40)  NOT NULL,
    query        VARCHAR(1000)
);
CREATE INDEX audit_access_log_customer ON audit_access_log (customer_id, id);
CREATE INDEX audit_access_log_actor ON audit_access_log (actor, id);
