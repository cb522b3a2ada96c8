package dev.rapport.query.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.rapport.query.CustomerSequencing;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import dev.rapport.platform.streaming.StoredCustomers;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far each projection has got, read from its tracking tokens without claiming them. A token is
 * committed with the projection's rows, so a covered position is visible in the read model.
 * <p>
 * Only the segment that handles the event at a position has to have reached it: idle segments move
 * their tokens forward lazily, and waiting for them would delay every read.
 */
@Component
public class ProjectionPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    ProjectionPositions(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * The sequence (customer) of the event at a position, if that event is in this database: the same key
     * {@link CustomerSequencing} gives the processors, read from the row's {@code customer_id} column (the payload's
     * {@code customerId}, which is every event's data subject, filled in at append; event-store migration V2), else the
     * aggregate's id. Read from the column, not the payload, so a gated query neither deserializes nor decrypts an event.
     */
    public Optional<Object> sequenceAt(long position) {
        return jdbc.sql("SELECT coalesce(" + StoredCustomers.COLUMN + ", aggregate_identifier) FROM domain_event_entry WHERE global_index = ?")
                .param(position)
                .query(String.class)
                .optional()
                .map(Object.class::cast);
    }

    /**
     * Whether the projection has handled the event at this position: the segment owning the sequence
     * has reached it, or, with no sequence known, every segment has.
     */
    public boolean hasProcessed(String projection, long position, Optional<Object> sequence) {
        List<Integer> ids = new ArrayList<>();
        List<TrackingToken> tokens = new ArrayList<>();
        jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment")
                .param(projection)
                .query(rs -> {
                    ids.add(rs.getInt("segment"));
                    tokens.add(deserialize(rs.getBytes("token"), rs.getString("token_type")));
                });
        if (ids.isEmpty()) {
            return false;
        }
        Segment[] segments = Segment.computeSegments(ids.stream().mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < segments.length; i++) {
            int index = ids.indexOf(segments[i].getSegmentId());
            boolean relevant = sequence.map(segments[i]::matches).orElse(true);
            if (relevant && !covers(tokens.get(index), position)) {
                return false;
            }
        }
        return true;
    }

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
    }

    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }
}
