package dev.rapport.command;

import dev.rapport.command.customer.ActiveCustomerCheck;
import dev.rapport.command.customer.CustomerRegistry;
import dev.rapport.platform.SchemaModule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.Registration;
import org.axonframework.messaging.interceptors.BeanValidationInterceptor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The command side as a library: aggregates, command handlers and the command HTTP API. Imported by
 * {@link CommandSideApplication} to run alone, and by the standalone quickstart beside the query side.
 */
@Configuration
@ComponentScan(basePackageClasses = CommandSideModule.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
public class CommandSideModule {

    @Bean
    SchemaModule commandSideSchema() {
        return new SchemaModule("command_side", "classpath:db/command-side", 10);
    }

    /**
     * Lookups the command side decides with are updated in the same transaction as the events, and a failed update
     * fails the command: Axon's default handler would log it and store the event anyway (an error PostgreSQL sees
     * aborts the transaction, but one thrown in Java before the statement, as by the pool, would not).
     */
    @Bean
    ConfigurerModule consistentLookups() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(CustomerRegistry.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(CustomerRegistry.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance()));
    }

    /** Commands are validated (Jakarta Validation) before they reach an aggregate, whoever sends them. */
    @Bean
    Registration commandValidation(CommandBus commandBus) {
        return commandBus.registerDispatchInterceptor(new BeanValidationInterceptor<>());
    }

    /** ... and refused when they concern an unknown or closed customer. */
    @Bean
    Registration activeCustomerCheckRegistration(CommandBus commandBus, CustomerRegistry registry) {
        return commandBus.registerDispatchInterceptor(new ActiveCustomerCheck(registry));
    }
}
