package dev.rapport.query.nodes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rapport.platform.EventStoreProperties;
import dev.rapport.query.Projections;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares the projections' segments among the query-side nodes on one database. Axon's pooled processors
 * claim every free segment, so the first node to start would keep them all; each node therefore announces
 * itself (a heartbeat in {@code query_node}) and releases the segments it holds beyond its fair share,
 * {@code ceil(segments / live nodes)}, for long enough that another node's coordinator claims them. When a
 * node stops, its segments are released and its row deleted, and the others claim them up to all of them.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final String nodeId;
    private final Duration interval;

    SegmentBalancer(JdbcClient jdbc, EventProcessingConfiguration processing, EventStoreProperties eventStore,
                    @Value("${rapport.projections.balance-interval:5s}") Duration interval) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.nodeId = eventStore.nodeId();
        this.interval = interval;
    }

    @Scheduled(fixedDelayString = "${rapport.projections.balance-interval:5s}", initialDelayString = "${rapport.projections.balance-interval:5s}")
    void balance() {
        try {
            heartbeatAndRelease();
        } catch (org.springframework.dao.DataAccessException e) {
            log.debug("Segment balancing skipped: {}", e.getClass().getSimpleName());
        }
    }

    private void heartbeatAndRelease() {
        jdbc.sql("""
                        INSERT INTO query_node (node_id, heartbeat_at) VALUES (?, now())
                        ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = now()""")
                .param(nodeId).update();
        // a node is alive while it has beaten within three intervals
        long liveNodes = jdbc.sql("SELECT count(*) FROM query_node WHERE heartbeat_at > now() - make_interval(secs => ?)")
                .param(3.0 * interval.toMillis() / 1000).query(Long.class).single();
        for (String projection : Projections.NAMES) {
            processing.eventProcessor(projection, PooledStreamingEventProcessor.class)
                    .ifPresent(processor -> releaseSurplus(projection, processor, liveNodes));
        }
    }

    private void releaseSurplus(String projection, PooledStreamingEventProcessor processor, long liveNodes) {
        long segments = jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ?").param(projection).query(Long.class).single();
        long fairShare = Math.max(1, (segments + liveNodes - 1) / Math.max(1, liveNodes));
        List<Integer> owned = processor.processingStatus().keySet().stream().sorted().toList();
        // held back for longer than a coordinator's claim cycle (5 s), so another node gets to claim it
        long releaseMillis = Math.max(2 * interval.toMillis(), 15_000);
        for (Integer segment : owned.subList(0, (int) Math.max(0, owned.size() - fairShare))) {
            log.info("{} releases segment {} of {} to another node ({} live nodes, fair share {})",
                    nodeId, segment, projection, liveNodes, fairShare);
            processor.releaseSegment(segment, releaseMillis, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void leave() {
        try {
            jdbc.sql("DELETE FROM query_node WHERE node_id = ?").param(nodeId).update();
        } catch (org.springframework.dao.DataAccessException e) {
            log.debug("Could not sign off node {}: its heartbeat goes stale instead", nodeId);
        }
    }
}
