package dev.rapport.command.customer;

import dev.rapport.events.customer.CustomerClosed;
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

    /** @throws NotFound for an unknown customer; {@link RuleViolation} {@code customer-closed} for a closed one */
    public void requireActive(String customerId) {
        Boolean closed = jdbc.sql("SELECT closed FROM customer_registry WHERE customer_id = ?")
                .param(customerId).query(Boolean.class).optional()
                .orElseThrow(() -> new NotFound("Customer", customerId));
        if (closed) {
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
    void on(CustomerReactivated event) {
        jdbc.sql("UPDATE customer_registry SET closed = FALSE, closure_reason = NULL WHERE customer_id = ?")
                .param(event.customerId()).update();
    }
}
