-- Deadlines (complaint SLAs, tier reviews, point expiry) persisted by db-scheduler, so they survive restarts.
CREATE TABLE scheduled_tasks (
    task_name             TEXT                     NOT NULL,
    task_instance         TEXT                     NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    picked                BOOLEAN                  NOT NULL,
    picked_by             TEXT,
    last_success          TIMESTAMP WITH TIME ZONE,
    last_failure          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INT,
    last_heartbeat        TIMESTAMP WITH TIME ZONE,
    version               BIGINT                   NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- Which customers exist and whether they are closed: the command side's own lookup, updated in the same
-- transaction as the customer events (subscribing processor), so "unknown or closed customer" checks on
-- interactions, sales, complaints and enrolments see every committed change.
CREATE TABLE customer_registry (
    customer_id     VARCHAR(64) PRIMARY KEY,
    closed          BOOLEAN     NOT NULL DEFAULT FALSE,
    closure_reason  VARCHAR(20)
);
