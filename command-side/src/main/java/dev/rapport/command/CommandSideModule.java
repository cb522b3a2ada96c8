package dev.rapport.command;

import org.axonframework.commandhandling.CommandBus;
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

    /** Commands are validated (Jakarta Validation) before they reach an aggregate, whoever sends them. */
    @Bean
    Registration commandValidation(CommandBus commandBus) {
        return commandBus.registerDispatchInterceptor(new BeanValidationInterceptor<>());
    }
}
