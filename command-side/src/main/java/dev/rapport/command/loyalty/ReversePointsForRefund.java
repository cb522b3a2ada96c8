package dev.rapport.command.loyalty;

import dev.rapport.events.common.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take back the share of a sale's points that a refund covers; sent by the loyalty policy. Repeats do nothing. */
public record ReversePointsForRefund(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String membershipId,
        @NotBlank @Size(max = 64) String saleId,
        @NotBlank @Size(max = 64) String refundId,
        @NotNull Money refundAmount) {
}
