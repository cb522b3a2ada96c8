package dev.rapport.query.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import dev.rapport.platform.web.LiveStreams;
import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.writes.ProjectionWrites;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.transaction.PlatformTransactionManager;

/** The churn beans wire up from the query side's own beans, take their settings, and schedule the evaluation. */
class ChurnConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ChurnBeans.class)
            .withBean(JdbcClient.class, ProjectionDatabase::jdbc)
            .withBean(ProjectionWrites.class, ProjectionDatabase::writes)
            .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(ProjectionDatabase.dataSource()))
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(LiveStreams.class, LiveStreams::new);

    @Test
    void theDefaultsAreThoseOfTheDomainAndTheEvaluationRunsEvery15Minutes() {
        context.run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(ChurnEvaluation.class).hasSingleBean(ChurnAlertProjection.class);
            ChurnProperties properties = started.getBean(ChurnProperties.class);
            assertThat(properties.overdue().warningFactor()).isEqualTo(2.0);
            assertThat(properties.overdue().singlePurchaseWarning()).isEqualTo(Duration.ofDays(365));
            assertThat(properties.spendDrop().period()).isEqualTo(Duration.ofDays(90));
            assertThat(evaluationRate(started.getBean(ScheduledAnnotationBeanPostProcessor.class))).isEqualTo(Duration.ofMinutes(15));
        });
    }

    @Test
    void settingsAndTheEvaluationIntervalAreConfigurable() {
        context.withPropertyValues("rapport.churn.evaluation-interval=5m", "rapport.churn.overdue.critical-factor=6",
                        "rapport.churn.spend-drop.watch-below=0.6", "rapport.churn.stream.max-subscribers=3")
                .run(started -> {
                    ChurnProperties properties = started.getBean(ChurnProperties.class);
                    assertThat(properties.overdue().criticalFactor()).isEqualTo(6.0);
                    assertThat(properties.overdue().warningFactor()).as("the rest keeps its default").isEqualTo(2.0);
                    assertThat(properties.spendDrop().watchBelow()).isEqualTo(0.6);
                    assertThat(properties.stream().maxSubscribers()).isEqualTo(3);
                    assertThat(evaluationRate(started.getBean(ScheduledAnnotationBeanPostProcessor.class)))
                            .isEqualTo(Duration.ofMinutes(5));
                });
    }

    private static Duration evaluationRate(ScheduledAnnotationBeanPostProcessor scheduler) {
        return scheduler.getScheduledTasks().stream()
                .map(scheduled -> scheduled.getTask())
                .filter(FixedRateTask.class::isInstance)
                .map(task -> ((FixedRateTask) task).getIntervalDuration())
                .findFirst().orElseThrow();
    }

    @Configuration
    @ComponentScan(basePackageClasses = ChurnConfiguration.class)
    static class ChurnBeans {
    }
}
