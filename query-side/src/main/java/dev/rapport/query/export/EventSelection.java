package dev.rapport.query.export;

import java.util.Set;

/**
 * Which stored events an export streams.
 *
 * @param after        only events after this position (the last position a previous export ended with), 0 for all
 * @param upTo         only events up to this position inclusive, null for as far as the log is settled
 * @param payloadTypes only events of these stored types (class names), empty for every type
 */
record EventSelection(long after, Long upTo, Set<String> payloadTypes) {
}
