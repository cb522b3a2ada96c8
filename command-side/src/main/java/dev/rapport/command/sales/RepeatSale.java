package dev.rapport.command.sales;

import dev.rapport.command.customer.ForActiveCustomer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A {@link RecordSale} whose sale turned out to be recorded already (the event store's unique key refused to create
 * it again): answer as the first time, or refuse ({@code order-id-conflict}) when it is not the same sale.
 */
public record RepeatSale(@Valid @NotNull RecordSale sale) implements ForActiveCustomer {

    @TargetAggregateIdentifier
    public String saleId() {
        return sale.saleId();
    }

    @Override
    public String customerId() {
        return sale.customerId();
    }
}
