package dev.rapport.query.rebuild;

import java.time.Instant;

/** Where a projection's rebuild stands; head is the log's last position now. */
public record RebuildStatus(String projection, RebuildState state, long processed, long position, long head,
                            Double eventsPerSecond, Long etaSeconds, Instant startedAt, Instant updatedAt,
                            Instant completedAt, String error) {
}
