package dev.rapport.command.loyalty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hold the yearly tier review that is due (the enrolment anniversary has passed and it has not been held).
 * Also the payload of the yearly review deadline.
 */
public record ReviewTier(@TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId) {
}
