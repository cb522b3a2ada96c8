package dev.rapport.command.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a known customer's profile with a corrected or completed one. */
public record UpdateCustomerProfile(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String customerId,
        @NotNull @Valid ProfileDetails profile) implements CustomerCommand {
}
