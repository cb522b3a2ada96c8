package dev.rapport.query.churn;

import java.util.List;

import dev.rapport.query.Projections;
import dev.rapport.query.rebuild.RebuildableProjection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The churn early warning's settings, the scheduler that runs its evaluation, and how its projection is rebuilt. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(ChurnProperties.class)
class ChurnConfiguration {

    /**
     * churn-alerts rebuilds blue/green like the other projections, with two differences: its handlers also set
     * {@code customer_view.churn_level}, which a replay must not touch (an empty stand-in takes those writes), and
     * the time-based reasons are not in the log ({@link ChurnRebuildSteps}).
     */
    @Bean
    RebuildableProjection churnAlertsRebuild(ChurnRebuildSteps steps) {
        return new RebuildableProjection(Projections.CHURN_ALERTS,
                List.of("churn_customer", "churn_complaint", "churn_reason", "churn_alert"), List.of(),
                // the reasons are derived from the customer's complaints, found through churn_complaint_customer
                List.of("customer_view"), List.of("churn_complaint_customer"), steps);
    }
}
