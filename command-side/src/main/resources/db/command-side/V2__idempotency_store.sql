-- Answers to commands sent with an Idempotency-Key, kept for a while (rapport.idempotency.retention) so a
-- retried request gets the first answer instead of running again. Keys are scoped per actor: two clients
-- that happen to pick the same key never see each other's answers. The row is inserted before the command
-- runs (the primary key serializes concurrent duplicates); status is NULL until the answer is stored.
CREATE TABLE idempotent_request (
    actor            VARCHAR(200)             NOT NULL,
    idempotency_key  VARCHAR(200)             NOT NULL,
    fingerprint      CHAR(64)                 NOT NULL,
    status           INT,
    headers          TEXT,
    body             BYTEA,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
);
CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
