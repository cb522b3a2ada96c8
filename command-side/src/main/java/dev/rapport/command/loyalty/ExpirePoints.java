package dev.rapport.command.loyalty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Expire every point past its expiry, oldest first. Also the payload of the monthly expiry deadline. */
public record ExpirePoints(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId) {
}
