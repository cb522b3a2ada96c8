package dev.rapport.command.loyalty;

import dev.rapport.platform.streaming.EventArrivals;
import dev.rapport.platform.streaming.WakingEventSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The loyalty programme's settings, and the processor that turns sales, refunds and compensations into points. */
@Configuration
@EnableConfigurationProperties(LoyaltyProperties.class)
class LoyaltyConfiguration {

    @Bean
    LoyaltyPolicy loyaltyPolicy(LoyaltyProperties properties) {
        return new LoyaltyPolicy(properties);
    }

    /**
     * A streaming processor with its own token, starting from the first event, so no sale is missed even when
     * the command side starts after it was recorded. A failure is retried rather than skipped: the handlers
     * already swallow what retrying cannot fix (no membership, a refused command). Woken when events arrive
     * instead of polling every 500 ms, so points follow a sale at once.
     */
    @Bean
    ConfigurerModule loyaltyPolicyProcessor(EventArrivals arrivals) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(LoyaltyPolicyHandlers.PROCESSING_GROUP,
                        config -> new WakingEventSource(config.eventStore(), arrivals),
                        (config, builder) -> builder.initialToken(source -> source.createTailToken()))
                .registerListenerInvocationErrorHandler(LoyaltyPolicyHandlers.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
