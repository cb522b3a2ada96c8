package dev.rapport.query.churn;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The churn early warning's settings, and the scheduler that runs its evaluation. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(ChurnProperties.class)
class ChurnConfiguration {
}
