package dev.rapport.query.rebuild;

import java.util.List;
import java.util.Set;

import dev.rapport.platform.privacy.PersonalDataProtection;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event log read in global order, upcast and deserialized as the live processors receive it: tracked
 * domain event messages whose token carries the global position. Appends commit in global_index order,
 * so reading after a position misses nothing.
 */
@Component
class LogEvents {

    private final JdbcClient jdbc;
    private final Serializer eventSerializer;
    private final org.axonframework.config.Configuration axon;
    private final PersonalDataProtection protection;

    LogEvents(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer eventSerializer, org.axonframework.config.Configuration axon,
              PersonalDataProtection protection) {
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
        this.protection = protection;
    }

    /** The log's last position, 0 when it is empty. */
    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM public.domain_event_entry").query(Long.class).single();
    }

    /** Up to {@code limit} events after the position, the upper bound included. */
    List<TrackedEventMessage<?>> after(long position, long upTo, int limit) {
        List<TrackedDomainEventData<String>> rows = jdbc.sql("""
                        SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                               payload_type, payload_revision, payload, meta_data
                        FROM public.domain_event_entry WHERE global_index > ? AND global_index <= ?
                        ORDER BY global_index LIMIT ?""")
                .params(position, upTo, limit)
                .query((rs, row) -> new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(rs.getLong("global_index"), Set.of()),
                        new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                                rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                                rs.getString("payload_type"), rs.getString("payload_revision"), rs.getString("payload"),
                                rs.getString("meta_data"))))
                .list();
        // one query for the keys of the batch's subjects instead of one per subject as each payload is decrypted
        protection.readKeysAhead(rows.stream().map(row -> row.getPayload().getData()).toList());
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), eventSerializer, axon.upcasterChain()).toList();
    }
}
