package dev.rapport.events.customer;

import java.time.Instant;

import dev.rapport.events.privacy.DataSubject;

/**
 * An account manager decided the customer is a partner (合作伙伴), the top of the loyalty ladder, e.g.
 * because of a contract. Only a person sets this stage; the other stages follow from facts.
 *
 * @param customerId the customer
 * @param reason     why, e.g. the contract reference
 * @param markedAt   when
 */
public record CustomerMarkedAsPartner(@DataSubject String customerId, String reason, Instant markedAt) {
}
