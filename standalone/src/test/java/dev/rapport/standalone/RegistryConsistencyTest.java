package dev.rapport.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.rapport.command.customer.CustomerRegistry;
import dev.rapport.events.customer.CustomerRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The command side's customer registry is written in the transaction that stores the customer's event: when a handler
 * of that group fails, the registration fails and nothing is stored. A failure PostgreSQL sees aborts the transaction
 * anyway; this one is thrown in Java before any statement (as a connection pool's own error would be), which Axon's
 * default error handler used to log and swallow, storing a customer the registry did not know.
 */
@SpringBootTest(classes = {StandaloneApplication.class, RegistryConsistencyTest.FailingRegistryHandler.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rapport.embedded-postgres.data-dir=target/test-postgres/${random.uuid}")
class RegistryConsistencyTest {

    private static final String REFUSED_NAME = "Refused By The Registry";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TestConfiguration
    static class FailingRegistryHandler {

        @Bean
        RegistryFailure registryFailure() {
            return new RegistryFailure();
        }
    }

    @ProcessingGroup(CustomerRegistry.PROCESSING_GROUP)
    static class RegistryFailure {

        @EventHandler
        void on(CustomerRegistered event) {
            if (REFUSED_NAME.equals(event.profile().displayName())) {
                throw new IllegalStateException("the registry's write failed before reaching the database");
            }
        }
    }

    @Test
    void aRegistrationWhoseRegistryHandlerFailsIsRefusedAndNotStored() {
        Http http = new Http(port);
        long registeredBefore = registrationsStored();

        Http.Response refused = http.post("/api/customers", "{\"displayName\": \"" + REFUSED_NAME + "\", \"type\": \"INDIVIDUAL\"}", Map.of());

        assertThat(refused.status()).isGreaterThanOrEqualTo(500);
        assertThat(registrationsStored()).isEqualTo(registeredBefore);

        Http.Response registered = http.post("/api/customers", "{\"displayName\": \"Wang Fang\", \"type\": \"INDIVIDUAL\"}", Map.of());
        assertThat(registered.status()).isEqualTo(201);
        String customerId = registered.json().get("customerId").asString();
        assertThat(jdbc.sql("SELECT count(*) FROM customer_registry WHERE customer_id = ?").param(customerId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(registrationsStored()).isEqualTo(registeredBefore + 1);
    }

    private long registrationsStored() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%CustomerRegistered'").query(Long.class).single();
    }
}
