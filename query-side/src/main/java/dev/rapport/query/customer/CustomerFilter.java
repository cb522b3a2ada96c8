package dev.rapport.query.customer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Filters of the customer list; every one optional. Spend is 12-month net spend in the reporting
 * currency, as of the last segmentation run.
 */
record CustomerFilter(String tier, String segment, String ladderStage, String churnLevel, Boolean hasOpenComplaint,
                      BigDecimal minSpend, BigDecimal maxSpend, String status) {

    void appendTo(List<String> conditions, Map<String, Object> params) {
        equal(conditions, params, "loyalty_tier", "tier", tier);
        equal(conditions, params, "rfm_segment", "segment", segment);
        equal(conditions, params, "ladder_stage", "ladderStage", ladderStage);
        equal(conditions, params, "churn_level", "churnLevel", churnLevel);
        equal(conditions, params, "status", "status", status);
        if (hasOpenComplaint != null) {
            conditions.add(hasOpenComplaint ? "v.open_complaints > 0" : "v.open_complaints = 0");
        }
        if (minSpend != null) {
            conditions.add("v.net_spend_12m >= :minSpend");
            params.put("minSpend", minSpend);
        }
        if (maxSpend != null) {
            conditions.add("v.net_spend_12m <= :maxSpend");
            params.put("maxSpend", maxSpend);
        }
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String name, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add("v." + column + " = :" + name);
            params.put(name, value.strip().toUpperCase());
        }
    }
}
