package dev.rapport.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server owned by the test rather than by the application: it outlives application
 * processes, several of them share it, and it can be stopped and started again on the same port and
 * data directory.
 */
final class ExternalPostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private ExternalPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static ExternalPostgres start(String name) {
        Path dataDir = Path.of("target/test-postgres/" + name + "-" + UUID.randomUUID()).toAbsolutePath();
        ExternalPostgres postgres = new ExternalPostgres(dataDir, freePort());
        postgres.start();
        return postgres;
    }

    void start() {
        try {
            Files.createDirectories(dataDir);
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are terminated), keeping its data. */
    void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
