package dev.rapport.command.loyalty;

import java.time.Instant;

import dev.rapport.events.common.Money;
import dev.rapport.events.sales.SalesChannel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credit the points a sale earns; sent by the loyalty policy for every recorded sale. Repeats earn nothing. */
public record EarnPointsForSale(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId,
        @NotBlank @Size(max = 64) String customerId,
        @NotBlank @Size(max = 64) String saleId,
        @NotNull Money netAmount,
        @NotNull SalesChannel channel,
        @NotNull Instant purchasedAt) {
}
