-- The customer list's sorts, each served by an index read backwards from the top instead of a scan and sort of
-- every customer (docs/performance.md, "Query and lag paths, round 3"). SPEND sorts by the 12-month net spend, not
-- the lifetime net_spend the old index covered (no query orders or filters by that); LAST_PURCHASE sorts by an
-- expression (customers without a purchase last), which the plain column's index cannot serve.
DROP INDEX customer_view_net_spend;
CREATE INDEX customer_view_spend_12m ON customer_view (net_spend_12m, customer_id);
DROP INDEX customer_view_last_purchase;
CREATE INDEX customer_view_last_purchase ON customer_view ((coalesce(last_purchase_at, 'epoch'::timestamptz)), customer_id);
