package dev.rapport.command.customer;

import jakarta.validation.constraints.NotBlank;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the customer's personal data for good (crypto-shredding): their key is deleted, their history stays without it. */
public record EraseCustomer(@TargetAggregateIdentifier @NotBlank String customerId, @NotBlank String erasedBy) implements CustomerCommand {
}
