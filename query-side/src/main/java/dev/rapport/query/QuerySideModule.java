package dev.rapport.query;

import java.time.Duration;

import dev.rapport.platform.streaming.EventArrivals;
import dev.rapport.platform.streaming.WakingEventSource;
import dev.rapport.query.consistency.ConsistencyGate;
import dev.rapport.query.consistency.ProjectionProgress;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

import dev.rapport.platform.DeadLetterQueues;
import io.micrometer.core.instrument.MeterRegistry;
import dev.rapport.query.deadletter.ContainedFailurePolicy;
import dev.rapport.query.deadletter.BatchedUnlessCareful;
import dev.rapport.query.deadletter.ContainedFailures;
import dev.rapport.query.writes.ProjectionWrites;
import dev.rapport.platform.SchemaModule;

/**
 * The query side as a library: projections that build read models from the event log, and the query
 * HTTP API over them. Imported by {@link QuerySideApplication} and by the standalone quickstart.
 */
@Configuration
@org.springframework.boot.context.properties.EnableConfigurationProperties(ProjectionProcessorProperties.class)
@Import(QuerySideModule.Web.class)
@ComponentScan(basePackageClasses = QuerySideModule.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
public class QuerySideModule {

    /** Queries under /api may carry a consistency token. */
    @Configuration
    static class Web implements WebMvcConfigurer {

        private final ConsistencyGate gate;
        private final Duration exportTimeout;

        Web(ConsistencyGate gate, @Value("${rapport.export.timeout:1h}") Duration exportTimeout) {
            this.gate = gate;
            this.exportTimeout = exportTimeout;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(gate).addPathPatterns("/api/**");
        }

        /**
         * The exports stream for as long as the data takes, as async requests; the container's own
         * limit (30 s for Tomcat) would cut them off. Live streams set their own timeout.
         */
        @Override
        public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
            configurer.setDefaultTimeout(exportTimeout.toMillis());
        }
    }

    @Bean
    SchemaModule querySideSchema() {
        return new SchemaModule("query_side", "classpath:db/query-side", 20);
    }

    /**
     * Each projection runs in its own pooled streaming processor, so a slow one never holds up the
     * others. Segments split the work by aggregate (a customer's events stay in order) and are sized
     * here because {@code initialSegmentCount} only applies when the processor first starts.
     * An event a projection fails on is parked in the projection's dead-letter queue with the rest of that
     * customer's events (the queue is sequenced by the same policy), and the other customers go on; see
     * {@code deadletter.DeadLetterController}. Only a failure contained in a savepoint is parked, so none of the
     * event's writes commit and a failure inside PostgreSQL cannot abort the batch ({@link ContainedFailures}).
     * The processors are woken when events arrive rather than polling ({@link WakingEventSource}), and announce
     * each commit to queries waiting with a consistency token ({@link ProjectionProgress}). The projections named in
     * {@code rapport.projections.batched-writes} send their writes as JDBC batches once per processor batch
     * ({@link BatchedUnlessCareful}).
     */
    @Bean
    ConfigurerModule projectionProcessors(ProjectionProcessorProperties properties, DeadLetterQueues deadLetterQueues,
                                          EventArrivals arrivals, ProjectionProgress progress,
                                          ContainedFailures failures, MeterRegistry meters, ProjectionWrites writes) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String projection : Projections.NAMES) {
                processing.registerPooledStreamingEventProcessor(projection,
                                config -> new WakingEventSource(config.eventStore(), arrivals),
                                (config, builder) -> builder
                                        .initialSegmentCount(properties.initialSegments())
                                        .batchSize(properties.batchSize())
                                        .maxClaimedSegments(properties.initialSegments()))
                        .registerSequencingPolicy(projection, config -> CustomerSequencing.INSTANCE)
                        .registerDeadLetterQueue(projection, config -> deadLetterQueues.forProcessingGroup(projection))
                        .registerDeadLetterPolicy(projection, config -> new ContainedFailurePolicy(projection, failures, meters))
                        // without it the dead-letter queue is asked for every event whether its customer is parked: one
                        // query per event; the cache asks only when parked sequences existed as the segment was claimed
                        .registerDeadLetteringEventHandlerInvokerConfiguration(projection,
                                (config, invoker) -> invoker.enableSequenceIdentifierCache())
                        .registerHandlerInterceptor(projection, config -> progress)
                        .registerHandlerInterceptor(projection, config -> ProjectionsDispatchNothing.INSTANCE);
                if (properties.batchedWrites().contains(projection)) {
                    processing.registerHandlerInterceptor(projection, config -> new BatchedUnlessCareful(projection, writes, failures, meters));
                }
            }
        });
    }
}
