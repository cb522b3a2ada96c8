package dev.rapport.query.export;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.rapport.platform.EventStoreProperties;
import dev.rapport.platform.privacy.PersonalDataProtection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes stored events as NDJSON, one line per event in position order, payload and metadata
 * embedded as stored (the JSON of the event's stored revision; upcasters do not run here), except that
 * personal fields are decrypted, or read as erased once the customer's key is gone: never ciphertext.
 * <p>
 * One read-only REPEATABLE READ transaction reads a single snapshot of the log through a server-side
 * cursor, {@code fetchSize} rows at a time, so memory stays flat whatever the export's size. It stops
 * at the {@link SettledHead}: the last line's position is where the next export resumes ({@code from}).
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class EventExport {

    /** Lines are separated by the export itself; the response stream is the container's to close. */
    private static final JsonFactory NDJSON = JsonFactory.builder().rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int fetchSize;
    private final PersonalDataProtection personalData;

    @Autowired
    EventExport(DataSource dataSource, Clock clock, EventStoreProperties eventStore,
                @Value("${rapport.export.fetch-size:500}") int fetchSize, PersonalDataProtection personalData) {
        this(dataSource, clock, eventStore.gapTimeout(), fetchSize, personalData);
    }

    EventExport(DataSource dataSource, Clock clock, Duration gapTimeout, int fetchSize, PersonalDataProtection personalData) {
        this.personalData = personalData;
        this.dataSource = dataSource;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.fetchSize = fetchSize;
    }

    void write(EventSelection selection, OutputStream out) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long settled = SettledHead.position(connection, selection.after(), clock.instant().minus(gapTimeout));
                long upTo = selection.upTo() == null ? settled : Math.min(settled, selection.upTo());
                stream(connection, selection, upTo, out);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event store failed", e);
        }
    }

    private void stream(Connection connection, EventSelection selection, long upTo, OutputStream out) throws SQLException {
        String typeFilter = selection.payloadTypes().isEmpty() ? "" : " AND payload_type = ANY (?)";
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT global_index, event_identifier, payload_type, payload_revision, aggregate_identifier, sequence_number,
                       time_stamp, customer_id, payload, meta_data
                FROM domain_event_entry WHERE global_index > ? AND global_index <= ?""" + typeFilter + " ORDER BY global_index")) {
            query.setFetchSize(fetchSize);
            query.setLong(1, selection.after());
            query.setLong(2, upTo);
            if (!typeFilter.isEmpty()) {
                query.setArray(3, connection.createArrayOf("varchar", selection.payloadTypes().toArray()));
            }
            try (ResultSet rows = query.executeQuery(); JsonGenerator json = NDJSON.createGenerator(ObjectWriteContext.empty(), out)) {
                for (long lines = 1; rows.next(); lines++) {
                    writeLine(rows, json);
                    if (lines % fetchSize == 0) {
                        json.flush();
                    }
                }
            }
        }
    }

    private void writeLine(ResultSet row, JsonGenerator json) throws SQLException {
        json.writeStartObject();
        json.writeNumberProperty("position", row.getLong("global_index"));
        json.writeStringProperty("eventId", row.getString("event_identifier"));
        json.writeStringProperty("type", row.getString("payload_type"));
        json.writeStringProperty("revision", row.getString("payload_revision"));
        json.writeStringProperty("aggregateId", row.getString("aggregate_identifier"));
        json.writeNumberProperty("sequence", row.getLong("sequence_number"));
        json.writeStringProperty("timestamp", row.getString("time_stamp"));
        json.writeStringProperty("customerId", row.getString("customer_id"));
        json.writeName("payload");
        json.writeRawValue(personalData.reveal(row.getString("payload_type"), row.getString("payload")));
        json.writeName("metadata");
        String metadata = row.getString("meta_data");
        if (metadata == null) {
            json.writeNull();
        } else {
            json.writeRawValue(metadata);
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
