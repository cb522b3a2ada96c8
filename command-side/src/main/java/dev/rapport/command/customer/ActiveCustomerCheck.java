package dev.rapport.command.customer;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

/**
 * Refuses every {@link ForActiveCustomer} command whose customer is unknown or closed, before it is
 * dispatched: the check needs the database, and aggregates do no I/O.
 */
@Component
public class ActiveCustomerCheck implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final CustomerRegistry registry;

    ActiveCustomerCheck(CustomerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, message) -> {
            if (message.getPayload() instanceof ForActiveCustomer command) {
                registry.requireActive(command.customerId());
            }
            return message;
        };
    }
}
