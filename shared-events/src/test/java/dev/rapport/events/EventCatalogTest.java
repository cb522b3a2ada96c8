package dev.rapport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.rapport.events.privacy.DataSubject;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/event-catalog.md} in step with the event records: the build fails when an event
 * changes and the catalog does not. {@code -Dcatalog.update=true} rewrites it.
 */
class EventCatalogTest {

    private static final Path CATALOG = Path.of("../docs/event-catalog.md");
    private final EventCatalog catalog = new EventCatalog(Path.of("target/classes"), Path.of("src/main/java"));

    @Test
    void theCommittedCatalogDescribesEveryEventAsItIs() throws IOException {
        String current = catalog.render();
        if (Boolean.getBoolean("catalog.update")) {
            Files.writeString(CATALOG, current);
        }
        assertThat(CATALOG).as("docs/event-catalog.md exists").exists();
        assertThat(Files.readString(CATALOG))
                .as("docs/event-catalog.md is out of date: run ./mvnw -pl shared-events test -Dcatalog.update=true and commit it")
                .isEqualTo(current);
    }

    @Test
    void everyEventIsAnImmutableRecordNamedInThePastWithOneDataSubjectAndDocumentedFields() {
        var events = catalog.types().stream().filter(EventCatalog::isEvent).toList();
        assertThat(events).hasSizeGreaterThan(30);
        for (Class<?> event : events) {
            assertThat(event.getSimpleName()).as("past tense").matches(".*[a-z](ed|wn|en)([A-Z][A-Za-z]*)?$");
            assertThat(Modifier.isPublic(event.getModifiers())).isTrue();
            assertThat(Arrays.stream(event.getRecordComponents()).filter(c -> c.isAnnotationPresent(DataSubject.class))
                    .map(RecordComponent::getName))
                    .as(event.getSimpleName() + " names one data subject, as customerId (the event store indexes it by that name)")
                    .containsExactly("customerId");
            for (RecordComponent component : event.getRecordComponents()) {
                assertThat(component.getType()).as(event.getSimpleName() + "." + component.getName() + " is a value type")
                        .matches(t -> t.isPrimitive() || t.isEnum() || t.isRecord() || t.getName().startsWith("java."));
            }
        }
        assertThat(catalog.render()).doesNotContain("|  |\n| `");
    }
}
