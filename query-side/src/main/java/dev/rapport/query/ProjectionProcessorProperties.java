package dev.rapport.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param initialSegments segments a projection's processor is split into when first started
 * @param batchSize       events handled per transaction (one token update per batch)
 */
@ConfigurationProperties("rapport.projections")
public record ProjectionProcessorProperties(Integer initialSegments, Integer batchSize) {

    public ProjectionProcessorProperties {
        initialSegments = initialSegments == null ? 4 : initialSegments;
        batchSize = batchSize == null ? 100 : batchSize;
    }
}
