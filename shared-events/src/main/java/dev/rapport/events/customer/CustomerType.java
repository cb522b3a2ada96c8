package dev.rapport.events.customer;

/** Who the customer is: a person or an organisation (个人 / 组织). */
public enum CustomerType {
    INDIVIDUAL,
    ORGANISATION
}
