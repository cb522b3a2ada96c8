package dev.rapport.command.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a new customer known, with the given id and profile. */
public record RegisterCustomer(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId,
        @NotNull @Valid ProfileDetails profile) implements CustomerCommand {
}
