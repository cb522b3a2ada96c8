package dev.rapport.events.complaint;

/** What a complaint is about. */
public enum ComplaintCategory {
    PRODUCT, SERVICE, BILLING, DELIVERY, STAFF, OTHER
}
