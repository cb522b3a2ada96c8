package dev.rapport.command.sales;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Records a sale once per customer and order id: the sale's id is derived from both. A new sale is created
 * without reading anything first (most sales are new, and reading the empty stream costs a round trip); an order
 * recorded before makes the event store's unique (aggregate, sequence) key refuse the append, which the HTTP API
 * answers by sending {@link RepeatSale}: the same receipt, with no new event.
 */
@Component
class SaleCommandHandler {

    private final Repository<Sale> sales;

    SaleCommandHandler(Repository<Sale> sales) {
        this.sales = sales;
    }

    @CommandHandler
    SaleReceipt handle(RecordSale command, Clock clock) throws Exception {
        return sales.newInstance(() -> new Sale(command, clock)).invoke(Sale::receipt);
    }

    @CommandHandler
    SaleReceipt handle(RepeatSale command) {
        return sales.load(command.saleId()).invoke(sale -> sale.receiptForRepeated(command.sale()));
    }
}
