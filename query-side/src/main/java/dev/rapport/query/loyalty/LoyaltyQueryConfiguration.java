package dev.rapport.query.loyalty;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(LoyaltyTierProperties.class)
class LoyaltyQueryConfiguration {
}
