package dev.rapport.query.export;

import java.util.Arrays;
import java.util.Optional;

import dev.rapport.query.Projections;

/**
 * Every read-model table of the query side that may be exported, with the projection that maintains
 * it and its primary key (the export's order). The only table names an export ever puts in SQL.
 */
enum ReadModel {

    CUSTOMER_VIEW("customer_view", Projections.CUSTOMER_VIEW, "customer_id"),
    CUSTOMER_PURCHASE("customer_purchase", Projections.CUSTOMER_VIEW, "sale_id"),
    CUSTOMER_REFUND("customer_refund", Projections.CUSTOMER_VIEW, "sale_id, refund_id"),
    CUSTOMER_OPEN_COMPLAINT("customer_open_complaint", Projections.CUSTOMER_VIEW, "complaint_id"),
    CUSTOMER_TIMELINE("customer_timeline", Projections.CUSTOMER_TIMELINE, "position"),
    COMPLAINT_VIEW("complaint_view", Projections.COMPLAINT_VIEW, "complaint_id"),
    MEMBERSHIP_VIEW("membership_view", Projections.LOYALTY_VIEW, "membership_id"),
    MEMBERSHIP_QUALIFYING("membership_qualifying", Projections.LOYALTY_VIEW, "membership_id, sale_id"),
    MEMBERSHIP_POINTS_LOT("membership_points_lot", Projections.LOYALTY_VIEW, "membership_id, credit_sequence"),
    CHURN_CUSTOMER("churn_customer", Projections.CHURN_ALERTS, "customer_id"),
    CHURN_COMPLAINT("churn_complaint", Projections.CHURN_ALERTS, "complaint_id"),
    CHURN_REASON("churn_reason", Projections.CHURN_ALERTS, "customer_id, reason, source"),
    CHURN_ALERT("churn_alert", Projections.CHURN_ALERTS, "customer_id"),
    /** Not projections: the fitted BG/NBD model versions and the latest scores (written by fits and evaluations). */
    CHURN_MODEL_VERSION("churn_model_version", "churn-model", "version"),
    CHURN_MODEL_SCORE("churn_model_score", "churn-model", "customer_id");

    private final String table;
    private final String projection;
    private final String primaryKey;

    ReadModel(String table, String projection, String primaryKey) {
        this.table = table;
        this.projection = projection;
        this.primaryKey = primaryKey;
    }

    static Optional<ReadModel> named(String name) {
        return Arrays.stream(values()).filter(model -> model.table.equals(name)).findFirst();
    }

    /** The table's name, also the read model's name in the API. */
    String table() {
        return table;
    }

    String projection() {
        return projection;
    }

    String primaryKey() {
        return primaryKey;
    }

    /** Every row, in primary-key order, as CSV with a header line. */
    String copyToCsv() {
        return "COPY (SELECT * FROM " + table + " ORDER BY " + primaryKey + ") TO STDOUT WITH (FORMAT csv, HEADER)";
    }
}
