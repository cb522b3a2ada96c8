package dev.rapport.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A {@link CommandSender} for controller tests: no event store or database, so answers carry no consistency token. */
public final class TestCommandSenders {

    private TestCommandSenders() {
    }

    public static CommandSender over(CommandGateway gateway) {
        var none = new StaticListableBeanFactory();
        return new CommandSender(gateway, none.getBeanProvider(EventStore.class), none.getBeanProvider(JdbcClient.class));
    }
}
