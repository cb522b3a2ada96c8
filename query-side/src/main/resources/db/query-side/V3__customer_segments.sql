-- Population-relative scores, recomputed by the segmentation job from the projection tables (not per event).
ALTER TABLE customer_view
    ADD COLUMN recency_days     INTEGER,
    ADD COLUMN r_score          SMALLINT,
    ADD COLUMN f_score          SMALLINT,
    ADD COLUMN m_score          SMALLINT,
    ADD COLUMN rfm_segment      VARCHAR(20),
    ADD COLUMN abc_class        CHAR(1),
    ADD COLUMN value_class      VARCHAR(10);
CREATE INDEX customer_view_rfm_segment ON customer_view (rfm_segment, customer_id);
CREATE INDEX customer_view_registered_desc ON customer_view (registered_at DESC, customer_id DESC);
