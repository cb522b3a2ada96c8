-- Query-side nodes alive on this database, each with its last heartbeat (database clock): how many nodes share
-- the projections' segments. A node that stops deletes its row; a crashed one's row goes stale.
CREATE TABLE query_node (
    node_id       VARCHAR(255) PRIMARY KEY,
    heartbeat_at  TIMESTAMPTZ  NOT NULL
);
