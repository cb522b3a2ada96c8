package dev.rapport.command.customer;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Refuses every {@link ForActiveCustomer} command whose customer is unknown or closed, before it is
 * dispatched: the check needs the database, and aggregates do no I/O.
 * <p>
 * Deliberately not a Spring bean: Axon's Spring Boot auto-configuration registers every
 * {@code MessageDispatchInterceptor} bean on the command gateway, and this one is registered on the command bus
 * (so it also covers commands sent to the bus directly); as a bean it ran, and queried the registry, twice per command.
 */
public final class ActiveCustomerCheck implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final CustomerRegistry registry;

    public ActiveCustomerCheck(CustomerRegistry registry) {
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
