package dev.rapport.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the JDBC event store and token store.
 *
 * @param batchSize           events read per query by streaming processors and aggregates
 * @param gapTimeout          how long a gap in the global index is waited for before it is given up
 *                            (a gap is a transaction that allocated an index and has not committed yet)
 * @param gapCleaningThreshold number of gaps a token may carry before expired ones are cleaned
 * @param maxGapOffset        how far behind the head a gap is still tracked
 * @param tokenClaimTimeout   after this a token claimed by a silent node may be taken over
 * @param nodeId              this node's name as the owner of the tokens it claims; unique per running node
 *                            (default: the JVM's pid@host, which two nodes in one JVM would share)
 * @param pollInterval        how often the event store is read for events other nodes appended (this node's own
 *                            wake its processors at once), and the longest a processor sleeps without being woken
 */
@ConfigurationProperties("rapport.event-store")
public record EventStoreProperties(Integer batchSize, Duration gapTimeout, Integer gapCleaningThreshold,
                                   Integer maxGapOffset, Duration tokenClaimTimeout, String nodeId,
                                   Duration pollInterval) {

    public EventStoreProperties {
        batchSize = batchSize == null ? 1000 : batchSize;
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(20) : gapTimeout;
        gapCleaningThreshold = gapCleaningThreshold == null ? 250 : gapCleaningThreshold;
        maxGapOffset = maxGapOffset == null ? 10_000 : maxGapOffset;
        tokenClaimTimeout = tokenClaimTimeout == null ? Duration.ofSeconds(10) : tokenClaimTimeout;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        nodeId = nodeId == null || nodeId.isBlank() ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() : nodeId;
    }
}
