package dev.rapport.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The columns of a stored event that its chain link covers, as stored (ciphertext included, once personal
 * fields are encrypted), in canonical order.
 */
record StoredEvent(long position, String payloadType, String payloadRevision, String aggregateIdentifier,
                   long sequenceNumber, String timeStamp, String payload, String metaData) {

    static final String COLUMNS = "e.global_index, e.payload_type, e.payload_revision, e.aggregate_identifier, "
            + "e.sequence_number, e.time_stamp, e.payload, e.meta_data";

    static StoredEvent from(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("global_index"), row.getString("payload_type"), row.getString("payload_revision"),
                row.getString("aggregate_identifier"), row.getLong("sequence_number"), row.getString("time_stamp"),
                row.getString("payload"), row.getString("meta_data"));
    }

    /** The hashed fields in order, NULL as empty. */
    List<String> canonicalFields() {
        return Stream.of(payloadType, payloadRevision, aggregateIdentifier, Long.toString(sequenceNumber), timeStamp,
                payload, metaData).map(field -> field == null ? "" : field).toList();
    }
}
