package dev.rapport.command.loyalty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Spend points, oldest first; never more than the balance. */
public record RedeemPoints(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId,
        @Positive long points,
        @NotBlank @Size(max = 200) String reference) {
}
