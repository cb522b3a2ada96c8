package dev.rapport.command.loyalty;

import dev.rapport.platform.streaming.EventArrivals;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import dev.rapport.command.loyalty.LoyaltyProperties.Threshold;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.events.sales.SalesChannel;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LoyaltyConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(LoyaltyConfiguration.class)
            .withBean(EventArrivals.class, () -> new EventArrivals(java.time.Duration.ofMillis(500)));

    @Test
    void theDefaultsAreThoseOfTheDomain() {
        context.run(started -> {
            LoyaltyProperties properties = started.getBean(LoyaltyProperties.class);
            assertThat(properties.reportingCurrency()).isEqualTo("CNY");
            assertThat(properties.exchangeRates()).containsOnlyKeys("CNY");
            assertThat(properties.pointsPerUnit()).isEqualByComparingTo("1");
            assertThat(properties.tierMultipliers().get(Tier.BASE)).isEqualByComparingTo("1.0");
            assertThat(properties.tierMultipliers().get(Tier.SILVER)).isEqualByComparingTo("1.25");
            assertThat(properties.tierMultipliers().get(Tier.GOLD)).isEqualByComparingTo("1.5");
            assertThat(properties.tierMultipliers().get(Tier.PLATINUM)).isEqualByComparingTo("2.0");
            assertThat(properties.channelMultipliers()).isEmpty();
            assertThat(properties.pointsValidityMonths()).isEqualTo(24);
            assertThat(properties.thresholds()).containsEntry(Tier.SILVER, new Threshold(2_500, 10))
                    .containsEntry(Tier.GOLD, new Threshold(10_000, 30))
                    .containsEntry(Tier.PLATINUM, new Threshold(25_000, 60));
            assertThat(started).hasSingleBean(LoyaltyPolicy.class);
        });
    }

    @Test
    void anOperatorCanChangeRatesMultipliersValidityAndThresholds() {
        context.withPropertyValues(
                        "rapport.loyalty.exchange-rates.usd=7.2",
                        "rapport.loyalty.tier-multipliers.gold=1.75",
                        "rapport.loyalty.channel-multipliers.call-centre=0.5",
                        "rapport.loyalty.points-validity-months=36",
                        "rapport.loyalty.thresholds.silver.points=3000",
                        "rapport.loyalty.thresholds.silver.purchases=12")
                .run(started -> {
                    LoyaltyProperties properties = started.getBean(LoyaltyProperties.class);
                    assertThat(properties.exchangeRates()).containsEntry("USD", new BigDecimal("7.2"))
                            .containsEntry("CNY", BigDecimal.ONE);
                    assertThat(properties.tierMultipliers().get(Tier.GOLD)).isEqualByComparingTo("1.75");
                    assertThat(properties.tierMultipliers().get(Tier.SILVER)).isEqualByComparingTo("1.25");
                    assertThat(properties.channelMultipliers()).containsEntry(SalesChannel.CALL_CENTRE, new BigDecimal("0.5"));
                    assertThat(properties.pointsValidityMonths()).isEqualTo(36);
                    assertThat(properties.thresholds()).containsEntry(Tier.SILVER, new Threshold(3_000, 12))
                            .containsEntry(Tier.GOLD, new Threshold(10_000, 30));
                });
    }

    @Test
    void aSettingThatWouldMiscountStopsTheStart() {
        context.withPropertyValues("rapport.loyalty.tier-multipliers.gold=0").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("rapport.loyalty.thresholds.gold.points=2000", "rapport.loyalty.thresholds.gold.purchases=30")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("rapport.loyalty.thresholds.silver.points=3000")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void thePolicyRunsInItsOwnStreamingProcessorThatRetriesFailures() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine());
        new LoyaltyConfiguration().loyaltyPolicyProcessor(new EventArrivals(java.time.Duration.ofMillis(500))).configureModule(configurer);
        configurer.eventProcessing().registerEventHandler(config -> new LoyaltyPolicyHandlers(config.commandGateway()));
        Configuration configuration = configurer.buildConfiguration();

        assertThat(configuration.eventProcessingConfiguration().eventProcessor(LoyaltyPolicyHandlers.PROCESSING_GROUP))
                .get().isInstanceOf(PooledStreamingEventProcessor.class);
        assertThat(configuration.eventProcessingConfiguration().listenerInvocationErrorHandler(LoyaltyPolicyHandlers.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
    }
}
