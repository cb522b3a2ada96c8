package dev.rapport.events.sales;

/** Where a sale was made. */
public enum SalesChannel {
    STORE, WEB, APP, PHONE, CALL_CENTRE, AGENT, PARTNER
}
