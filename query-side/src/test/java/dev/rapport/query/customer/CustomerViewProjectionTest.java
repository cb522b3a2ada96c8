package dev.rapport.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.rapport.events.customer.CustomerProfile;
import dev.rapport.events.customer.CustomerProfileUpdated;
import dev.rapport.events.customer.CustomerRegistered;
import dev.rapport.events.customer.CustomerType;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CustomerViewProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final CustomerViewProjection projection = new CustomerViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    private final CustomerViews views = new CustomerViews(jdbc);

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @Test
    void aRegistrationBecomesARowAndAProfileUpdateReplacesIt() {
        projection.on(new CustomerRegistered("c-1", profile("Li Wei", "li@example.com"), T0), 0);
        projection.on(new CustomerProfileUpdated("c-1", profile("Li Wei", "wei@example.com"), T0.plusSeconds(60)), 1);

        CustomerView view = views.find("c-1").orElseThrow();
        assertThat(view.email()).isEqualTo("wei@example.com");
        assertThat(view.registeredAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(view.tags()).containsExactly("vip");
    }

    @Test
    void aRedeliveredOlderEventChangesNothing() {
        projection.on(new CustomerRegistered("c-1", profile("Li Wei", "li@example.com"), T0), 0);
        projection.on(new CustomerProfileUpdated("c-1", profile("Li Wei", "wei@example.com"), T0.plusSeconds(60)), 2);
        projection.on(new CustomerProfileUpdated("c-1", profile("Li Wei", "old@example.com"), T0.plusSeconds(30)), 1);

        assertThat(views.find("c-1").orElseThrow().email()).isEqualTo("wei@example.com");
    }

    private static CustomerProfile profile(String name, String email) {
        return new CustomerProfile(name, CustomerType.INDIVIDUAL, email, null, null, null, null, null, null, null, List.of("vip"));
    }
}
