package dev.rapport.query.export;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

/**
 * Streams a read-model table as CSV with PostgreSQL's {@code COPY ... TO STDOUT}: the server writes
 * the CSV and the driver copies it to the response as it arrives, nothing is held in memory.
 */
@Component
class ReadModelCsvExport {

    private final DataSource dataSource;

    ReadModelCsvExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void write(ReadModel model, OutputStream out) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(model.copyToCsv(), out);
        } catch (SQLException e) {
            throw new IllegalStateException("Exporting " + model.table() + " failed", e);
        }
    }
}
