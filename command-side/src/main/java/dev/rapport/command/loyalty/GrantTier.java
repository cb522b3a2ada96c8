package dev.rapport.command.loyalty;

import java.time.Instant;

import dev.rapport.events.loyalty.Tier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grant a tier by hand (status match, partner deal, retention offer) until {@code expiresAt}. */
public record GrantTier(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId,
        @NotNull Tier tier,
        @NotBlank @Size(max = 500) String reason,
        @NotBlank @Size(max = 200) String grantedBy,
        @NotNull Instant expiresAt) {
}
