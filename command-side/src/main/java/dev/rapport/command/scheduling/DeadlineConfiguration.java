package dev.rapport.command.scheduling;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManagerSupplier;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import dev.rapport.platform.SchemaMigrations;

/**
 * Deadlines (complaint SLAs, yearly tier reviews, point expiry) kept in PostgreSQL by db-scheduler:
 * they survive restarts and fire on exactly one node. Axon's default deadline manager keeps them in
 * memory only.
 */
@Configuration
class DeadlineConfiguration {

    private final DbSchedulerDeadlineManagerSupplier deadlineManagerSupplier = new DbSchedulerDeadlineManagerSupplier();

    /**
     * The scheduler's connections join the current Spring transaction, so a deadline is scheduled or
     * cancelled together with the events of the command that asked for it, or not at all.
     * Started and stopped by the deadline manager with Axon's lifecycle.
     */
    @Bean(destroyMethod = "")
    Scheduler deadlineScheduler(DataSource dataSource, SchemaMigrations migrated,
                                @Value("${rapport.deadlines.polling-interval:1s}") Duration pollingInterval) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource),
                        List.of(DbSchedulerDeadlineManager.humanReadableTask(deadlineManagerSupplier)))
                .threads(2)
                .pollingInterval(pollingInterval)
                .enableImmediateExecution()
                .build();
    }

    @Bean
    DeadlineManager deadlineManager(Scheduler deadlineScheduler, org.axonframework.config.Configuration axon,
                                    Serializer serializer, TransactionManager transactionManager) {
        DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                // must match the task the scheduler was given (humanReadableTask): the payload is stored as readable JSON
                .useBinaryPojo(false)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
        deadlineManagerSupplier.set(manager);
        return manager;
    }
}
