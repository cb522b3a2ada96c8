-- The BG/NBD churn model (docs/churn-model.md). Neither table is a projection: versions are written by a fit (the
-- data team's action or the scheduled refit), scores by the churn evaluation with its clock; a projection rebuild
-- leaves both alone.

-- Every fit, kept: the current model is the highest version.
CREATE TABLE churn_model_version (
    version            BIGINT           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fitted_at          TIMESTAMPTZ      NOT NULL,
    fitted_by          VARCHAR(100)     NOT NULL,
    -- the calibration window: the earliest first purchase day of the customers in the fit, to the end day (inclusive)
    calibration_start  DATE             NOT NULL,
    calibration_end    DATE             NOT NULL,
    customers          INTEGER          NOT NULL,
    repeat_customers   INTEGER          NOT NULL,
    repeat_purchases   BIGINT           NOT NULL,
    r                  DOUBLE PRECISION NOT NULL,
    alpha              DOUBLE PRECISION NOT NULL,
    a                  DOUBLE PRECISION NOT NULL,
    b                  DOUBLE PRECISION NOT NULL,
    log_likelihood     DOUBLE PRECISION NOT NULL,
    evaluations        INTEGER          NOT NULL,
    starts_agree       BOOLEAN          NOT NULL
);

-- Each customer's score under the current model as of a day; replaced as a whole by each scoring.
CREATE TABLE churn_model_score (
    customer_id       VARCHAR(64)      PRIMARY KEY,
    model_version     BIGINT           NOT NULL REFERENCES churn_model_version (version),
    -- the day the history was measured to (the evaluation clock's UTC date) and the evaluation's instant
    as_of             DATE             NOT NULL,
    scored_at         TIMESTAMPTZ      NOT NULL,
    repeat_purchases  INTEGER          NOT NULL,
    t_x_weeks         DOUBLE PRECISION NOT NULL,
    t_weeks           DOUBLE PRECISION NOT NULL,
    p_alive           DOUBLE PRECISION NOT NULL,
    expected_4w       DOUBLE PRECISION NOT NULL,
    expected_13w      DOUBLE PRECISION NOT NULL,
    expected_52w      DOUBLE PRECISION NOT NULL
);
CREATE INDEX churn_model_score_p_alive ON churn_model_score (p_alive, customer_id);
