package dev.rapport.command.customer;

import dev.rapport.events.customer.CustomerClosed;
import dev.rapport.events.customer.CustomerErased;
import dev.rapport.events.customer.CustomerReactivated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.platform.web.NotFound;
import dev.rapport.platform.web.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's view of which customers exist and which are closed. Interactions, sales,
 * complaints and enrolments belong to a known, open customer; their handlers ask here before creating
 * anything. Updated by a subscribing processor, in the transaction that stores the customer's event.
 */
@Component
@ProcessingGroup(CustomerRegistry.PROCESSING_GROUP)
public class CustomerRegistry {

    public static final String PROCESSING_GROUP = "customer-registry";

    private final JdbcClient jdbc;

    CustomerRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws NotFound for an unknown customer; {@link RuleViolation} {@code customer-closed} / {@code customer-erased} */
    public void requireActive(String customerId) {
        Status status = jdbc.sql("SELECT closed, erased FROM customer_registry WHERE customer_id = ?")
                .param(customerId).query((rs, row) -> new Status(rs.getBoolean("closed"), rs.getBoolean("erased"))).optional()
                .orElseThrow(() -> new NotFound("Customer", customerId));
        if (status.erased()) {
            throw new RuleViolation("customer-erased", "Customer " + customerId + " was erased; nothing more is recorded for them", true);
        }
        if (status.closed()) {
            throw new RuleViolation("customer-closed", "Customer " + customerId + " is closed; reactivate it first", true);
        }
    }

    /** @throws NotFound for an unknown customer */
    public void requireKnown(String customerId) {
        jdbc.sql("SELECT 1 FROM customer_registry WHERE customer_id = ?")
                .param(customerId).query(Integer.class).optional()
                .orElseThrow(() -> new NotFound("Customer", customerId));
    }

    @EventHandler
    void on(CustomerRegistered event) {
        jdbc.sql("INSERT INTO customer_registry (customer_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(event.customerId()).update();
    }

    @EventHandler
    void on(CustomerClosed event) {
        jdbc.sql("UPDATE customer_registry SET closed = TRUE, closure_reason = ? WHERE customer_id = ?")
                .params(event.reason().name(), event.customerId()).update();
    }

    @EventHandler
    void on(CustomerErased event) {
        jdbc.sql("UPDATE customer_registry SET erased = TRUE WHERE customer_id = ?").param(event.customerId()).update();
    }

    private record Status(boolean closed, boolean erased) {
    }

    @EventHandler
    void on(CustomerReactivated event) {
        jdbc.sql("UPDATE customer_registry SET closed = FALSE, closure_reason = NULL WHERE customer_id = ?")
                .param(event.customerId()).update();
    }
}
