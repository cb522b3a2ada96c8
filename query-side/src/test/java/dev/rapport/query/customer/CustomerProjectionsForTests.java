package dev.rapport.query.customer;

import dev.rapport.query.ProjectionDatabase;
import dev.rapport.query.CustomerSequencing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer_view projections behind Axon's own handler dispatch, for tests in other packages that
 * need customers with a history: {@link #apply} hands an event to whichever handler takes it.
 */
public final class CustomerProjectionsForTests {

    private final AnnotationEventHandlerAdapter customers;
    private final AnnotationEventHandlerAdapter activity;

    public CustomerProjectionsForTests(JdbcClient jdbc) {
        this.customers = new AnnotationEventHandlerAdapter(new CustomerViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry()));
        this.activity = new AnnotationEventHandlerAdapter(new CustomerActivityProjection(ProjectionDatabase.writes()));
    }

    /** Applies the event as the {@code sequence}-th event of its aggregate (only the customer aggregate's sequence matters). */
    public void apply(Object event, long sequence) {
        var message = new GenericDomainEventMessage<>("test", CustomerSequencing.customerOf(event).orElse("none"), sequence, event);
        try {
            for (AnnotationEventHandlerAdapter projection : new AnnotationEventHandlerAdapter[]{customers, activity}) {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
