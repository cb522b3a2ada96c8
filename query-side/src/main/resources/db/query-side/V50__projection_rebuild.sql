-- Blue/green projection rebuilds: one row per projection, the last (or running) rebuild. Written in the
-- same transaction as each replayed batch, so a restart continues from position.
CREATE TABLE projection_rebuild (
    projection   VARCHAR(64)  PRIMARY KEY,
    state        VARCHAR(12)  NOT NULL,
    position     BIGINT       NOT NULL DEFAULT 0,
    head         BIGINT       NOT NULL DEFAULT 0,
    swap_position BIGINT,
    processed    BIGINT       NOT NULL DEFAULT 0,
    started_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    completed_at TIMESTAMPTZ,
    error        TEXT
);
