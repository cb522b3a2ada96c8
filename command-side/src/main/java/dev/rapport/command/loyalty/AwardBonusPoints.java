package dev.rapport.command.loyalty;

import dev.rapport.events.loyalty.PointsSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credit bonus points (a campaign, complaint compensation); they never count toward tiers. A membership gets
 * a given source and reference once: repeats credit nothing.
 */
public record AwardBonusPoints(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId,
        @Positive long points,
        @NotNull PointsSource source,
        @NotBlank @Size(max = 100) String reference) {
}
