package dev.rapport.command.sales;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refund (part of) a sale. A repeated refund id changes nothing; refunds never exceed the sale. */
public record RecordRefund(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String saleId,
        @NotBlank @Size(max = 64) String refundId,
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 12, fraction = 4) BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @Size(max = 500) String reason,
        Instant occurredAt) {
}
