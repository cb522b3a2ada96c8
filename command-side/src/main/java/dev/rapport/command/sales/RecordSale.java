package dev.rapport.command.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.rapport.command.customer.ForActiveCustomer;
import dev.rapport.events.sales.SalesChannel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a customer's purchase: lines, or only a total. A sale worth 0.00 (a free item, a 100% voucher)
 * is a purchase like any other that earns nothing; a negative total is refused. The same order id for the same
 * customer again is refused by the event store ({@code AggregateStreamCreationException}); the HTTP API then sends
 * {@link RepeatSale}, which changes nothing and answers the same.
 */
public record RecordSale(
        @TargetAggregateIdentifier @NotBlank @Size(max = 64) String saleId,
        @NotBlank @Size(max = 64) String customerId,
        @NotBlank @Size(max = 64) String orderId,
        @NotNull SalesChannel channel,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @Size(max = 500) List<@Valid @NotNull Line> lines,
        @DecimalMin("0.00") @Digits(integer = 12, fraction = 4) BigDecimal total,
        @NotNull Instant occurredAt) implements ForActiveCustomer {

    public RecordSale {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** One line of the sale. */
    public record Line(@NotBlank @Size(max = 64) String productId, @Size(max = 64) String category,
                       @Min(1) @Max(100_000) int quantity,
                       @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 4) BigDecimal unitPrice) {
    }
}
