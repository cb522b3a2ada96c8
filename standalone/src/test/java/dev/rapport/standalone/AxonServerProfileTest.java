package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import dev.rapport.platform.AxonServerPreflight;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;

/**
 * The {@code axonserver} profile, without an Axon Server (none can run here): it must wire the
 * connector for commands, queries and events instead of the JDBC event store, and starting it with no
 * server reachable must fail at once with a message that says what to do. The docker-compose path
 * itself needs a Docker engine and is not run by CI.
 */
class AxonServerProfileTest {

    private static final String NOTHING_LISTENS = "--axon.axonserver.servers=localhost:1";

    @Test
    void theProfileWiresTheAxonServerConnectorForCommandsQueriesAndEvents() {
        try (var app = application().contextFactory(type -> new WiredButNotStarted()).run(NOTHING_LISTENS, "--server.port=0")) {
            assertThat(app.getBean(AxonServerConnectionManager.class)).isNotNull();
            assertThat(app.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(app.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(app.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(app.getBeansOfType(EventStorageEngine.class).values())
                    .noneMatch(engine -> engine.getClass().getSimpleName().startsWith("Jdbc"));
            // projections still keep their tokens beside their tables in PostgreSQL
            assertThat(app.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        }
    }

    @Test
    void startingWithoutAReachableServerFailsAtOnceAndSaysWhatToDo() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> application().run(NOTHING_LISTENS, "--server.port=0").close())
                .hasRootCauseInstanceOf(AxonServerPreflight.AxonServerUnreachable.class)
                .rootCause().hasMessageContaining("localhost:1").hasMessageContaining("docker compose");

        assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds to fail").isLessThan(30);
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("axonserver")
                .properties("rapport.embedded-postgres.data-dir=target/test-postgres/axonserver-" + UUID.randomUUID());
    }

    /** Creates and wires every bean, then stops: no lifecycle starts, so nothing tries to connect. */
    private static final class WiredButNotStarted extends AnnotationConfigServletWebServerApplicationContext {
        @Override
        protected void finishRefresh() {
        }
    }
}
