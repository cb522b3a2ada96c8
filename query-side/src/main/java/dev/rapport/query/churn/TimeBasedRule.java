package dev.rapport.query.churn;

import java.util.Map;

/**
 * A churn reason that holds because time passed with no event, found by {@link ChurnEvaluation} with the current
 * clock. Each rule is one set-based query over all customers; the evaluation makes {@code churn_reason} match it.
 */
interface TimeBasedRule {

    ChurnReason reason();

    /**
     * A query of {@code customer_id, level, detail} rows: the customers the reason holds for as of {@code :now}, level
     * NULL where it does not. The detail must not change while the figures behind it stay the same, or every
     * evaluation would rewrite it.
     */
    String query();

    /** The query's parameters other than {@code :now}. */
    Map<String, Object> parameters();
}
