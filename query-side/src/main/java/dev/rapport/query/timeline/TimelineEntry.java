package dev.rapport.query.timeline;

import java.time.Instant;

/**
 * One line of a customer's timeline as served to API clients.
 *
 * @param position    the event's global position in the log; pages are cut on it
 * @param occurredAt  when it happened (the event's business time, else when it was stored)
 * @param recordedAt  when the event was stored
 * @param eventType   the event's type, e.g. {@code SaleRecorded}
 * @param summary     what happened, one English sentence without personal free text
 * @param actor       who caused it (the command's actor), when known
 * @param source      the system it came from, when known
 * @param channel     the channel it came through, for events that have one
 * @param aggregateId the sale, complaint, membership, interaction or customer it belongs to
 * @param eventId     the event's id in the log
 */
public record TimelineEntry(long position, Instant occurredAt, Instant recordedAt, String eventType, String summary,
                            String actor, String source, String channel, String aggregateId, String eventId) {
}
