package dev.rapport.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * With the {@code axonserver} profile, checks before Axon starts that at least one configured Axon
 * Server accepts connections, and otherwise stops start-up with a message that says what to do.
 * Without it the connector retries for a while and then fails with a bare "retries exhausted".
 */
public class AxonServerPreflight implements SmartLifecycle {

    static final int DEFAULT_PORT = 8124;
    private static final Logger log = LoggerFactory.getLogger(AxonServerPreflight.class);

    private final List<String> servers;
    private final Duration timeout;
    private volatile boolean running;

    public AxonServerPreflight(String servers, Duration timeout) {
        this.servers = Arrays.stream(servers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.timeout = timeout;
    }

    @Override
    public void start() {
        for (String server : servers) {
            if (reachable(server)) {
                log.info("Axon Server reachable at {}", server);
                running = true;
                return;
            }
        }
        throw new AxonServerUnreachable("Axon Server is not reachable at " + String.join(", ", servers)
                + " (the 'axonserver' profile is active). Start it, e.g. 'docker compose up -d axonserver', point "
                + "axon.axonserver.servers at a running one, or start without the profile to use the PostgreSQL event store.");
    }

    private boolean reachable(String server) {
        int colon = server.lastIndexOf(':');
        String host = colon > 0 ? server.substring(0, colon) : server;
        int port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : DEFAULT_PORT;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before Axon's own start-up (phase {@code Integer.MAX_VALUE - 3072}) and before the web server. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Start-up stopped: the configured Axon Server cannot be reached. */
    public static class AxonServerUnreachable extends IllegalStateException {
        AxonServerUnreachable(String message) {
            super(message);
        }
    }
}
