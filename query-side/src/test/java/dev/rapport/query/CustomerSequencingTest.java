package dev.rapport.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import dev.rapport.events.privacy.DataSubject;
import dev.rapport.query.catalog.Catalog;
import dev.rapport.query.catalog.EventCatalog;
import org.junit.jupiter.api.Test;

/**
 * An event read from the log is sequenced by the customer its row names ({@code domain_event_entry.customer_id}, which
 * the database copies from the payload's {@code customerId} at insert), any other by its payload's {@link DataSubject}:
 * the two agree only while every event's subject is the component called {@code customerId}.
 */
class CustomerSequencingTest {

    @Test
    void everyEventNamesItsCustomerInTheComponentTheDatabaseCopiesToTheRow() throws ClassNotFoundException {
        List<Catalog.Event> events = new EventCatalog().catalog().events();
        assertThat(events).hasSizeGreaterThan(30);
        for (Catalog.Event event : events) {
            List<String> subjects = Arrays.stream(Class.forName(event.type()).getRecordComponents())
                    .filter(component -> component.isAnnotationPresent(DataSubject.class)).map(RecordComponent::getName).toList();
            assertThat(subjects).as(event.type() + "'s @DataSubject").containsExactly("customerId");
        }
    }
}
