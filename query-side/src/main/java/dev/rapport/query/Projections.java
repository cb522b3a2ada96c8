package dev.rapport.query;

import java.util.List;

/** The projections of the query side; each is a processing group with its own processor and token. */
public final class Projections {

    public static final String CUSTOMER_VIEW = "customer-view";
    public static final String LOYALTY_VIEW = "loyalty-view";
    public static final String CUSTOMER_TIMELINE = "customer-timeline";
    public static final String COMPLAINT_VIEW = "complaint-view";
    public static final String CHURN_ALERTS = "churn-alerts";

    public static final List<String> NAMES = List.of(CUSTOMER_VIEW, LOYALTY_VIEW, CUSTOMER_TIMELINE, COMPLAINT_VIEW, CHURN_ALERTS);

    private Projections() {
    }
}
