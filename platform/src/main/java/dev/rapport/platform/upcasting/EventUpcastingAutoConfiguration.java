package dev.rapport.platform.upcasting;

import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Event revisions and upcasters for every deployable. Axon's auto-configuration backs off its own
 * {@link RevisionResolver} for this one and builds its (JSON) serializers with it, and registers every
 * {@link EventUpcaster} bean in the upcaster chain the event store reads through.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class EventUpcastingAutoConfiguration {

    @Bean
    RevisionResolver eventRevisionResolver() {
        return new EventRevisionResolver();
    }

    /** One bean for all upcasters, so they run in the order {@link StoredEventUpcasters} lists them. */
    @Bean
    EventUpcaster storedEventUpcasters() {
        return new EventUpcasterChain(StoredEventUpcasters.all());
    }
}
