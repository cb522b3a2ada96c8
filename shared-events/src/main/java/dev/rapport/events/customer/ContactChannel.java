package dev.rapport.events.customer;

/** A channel the business can reach the customer on; also what consent is given per. */
public enum ContactChannel {
    EMAIL,
    SMS,
    PHONE,
    POST,
    APP_PUSH
}
