package dev.rapport.command.sales;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Records a sale once per customer and order id: the sale's id is derived from both, so a repeated
 * request finds the sale already there and gets the same receipt, with no new event.
 */
@Component
class SaleCommandHandler {

    private final Repository<Sale> sales;

    SaleCommandHandler(Repository<Sale> sales) {
        this.sales = sales;
    }

    @CommandHandler
    SaleReceipt handle(RecordSale command, Clock clock) throws Exception {
        try {
            Aggregate<Sale> existing = sales.load(command.saleId());
            return existing.invoke(sale -> sale.receiptForRepeated(command));
        } catch (AggregateNotFoundException notYetRecorded) {
            return sales.newInstance(() -> new Sale(command, clock)).invoke(Sale::receipt);
        }
    }
}
