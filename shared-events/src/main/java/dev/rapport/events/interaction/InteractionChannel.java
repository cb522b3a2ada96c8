package dev.rapport.events.interaction;

/** Where a contact with the customer happened (接触点). */
public enum InteractionChannel {
    PHONE, EMAIL, WEB, APP, STORE, SOCIAL, CALL_CENTRE, POST, FIELD_VISIT
}
