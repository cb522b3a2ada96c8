package dev.rapport.query.customer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;

/** The orders a customer list can be read in; each pairs a column with the id so the keyset is total. */
enum CustomerSort {
    /** Oldest registration first (default). */
    REGISTERED("v.registered_at", "ASC"),
    /** Highest 12-month net spend first. */
    SPEND("v.net_spend_12m", "DESC"),
    /** Most recent purchase first; customers without purchases last. */
    LAST_PURCHASE("coalesce(v.last_purchase_at, 'epoch'::timestamptz)", "DESC");

    private final String column;
    private final String direction;

    CustomerSort(String column, String direction) {
        this.column = column;
        this.direction = direction;
    }

    String orderBy() {
        return column + " " + direction + ", v.customer_id " + direction;
    }

    /** Rows strictly after the cursor in this order. */
    String after() {
        return "(" + column + ", v.customer_id) " + (direction.equals("ASC") ? ">" : "<") + " (:cursorValue, :cursorId)";
    }

    Object cursorValue(String value) {
        return switch (this) {
            case SPEND -> new BigDecimal(value);
            case REGISTERED, LAST_PURCHASE -> Timestamp.from(Instant.parse(value));
        };
    }

    String cursorValueOf(CustomerView view) {
        return switch (this) {
            case REGISTERED -> view.registeredAt().toString();
            case SPEND -> view.purchases().netSpend12m().toPlainString();
            case LAST_PURCHASE -> view.purchases().lastPurchaseAt() == null ? Instant.EPOCH.toString()
                    : view.purchases().lastPurchaseAt().toString();
        };
    }
}
