package dev.rapport.platform.privacy;

import java.time.Clock;
import java.time.Duration;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wraps Axon's {@code eventSerializer} bean (the one the event store, Axon Server and the dead-letter queues
 * serialize events with) in {@link PersonalDataSerializer}, so every stored event is crypto-shredded in one place.
 */
@AutoConfiguration(afterName = "dev.rapport.platform.AxonJdbcAutoConfiguration")
public class PrivacyAutoConfiguration {

    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc, ObjectProvider<Clock> clock,
                                      @Value("${rapport.privacy.key-cache-ttl:30s}") Duration timeToLive) {
        return new PersonalDataKeys(jdbc, clock.getIfAvailable(Clock::systemUTC), timeToLive);
    }

    @Bean
    PersonalDataProtection personalDataProtection(PersonalDataKeys keys) {
        return new PersonalDataProtection(keys);
    }

    @Bean
    static BeanPostProcessor personalDataEventSerializer(ObjectProvider<PersonalDataProtection> protection) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (EVENT_SERIALIZER.equals(beanName) && bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)) {
                    return new PersonalDataSerializer(serializer, protection.getObject());
                }
                return bean;
            }
        };
    }
}
