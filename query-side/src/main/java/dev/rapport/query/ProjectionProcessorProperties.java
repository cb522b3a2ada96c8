package dev.rapport.query;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param initialSegments segments a projection's processor is split into when first started
 * @param batchSize       events handled per transaction (one token update per batch)
 * @param batchedWrites   projections whose live processors send their writes as JDBC batches at the end of each batch
 *                        ({@code deadletter.BatchedUnlessCareful}); only for projections writing solely through
 *                        {@code writes.ProjectionWrites}
 */
@ConfigurationProperties("rapport.projections")
public record ProjectionProcessorProperties(Integer initialSegments, Integer batchSize, List<String> batchedWrites) {

    public ProjectionProcessorProperties {
        initialSegments = initialSegments == null ? 4 : initialSegments;
        batchSize = batchSize == null ? 100 : batchSize;
        batchedWrites = batchedWrites == null
                ? List.of(Projections.CUSTOMER_VIEW, Projections.CUSTOMER_TIMELINE, Projections.COMPLAINT_VIEW, Projections.LOYALTY_VIEW)
                : List.copyOf(batchedWrites);
    }
}
