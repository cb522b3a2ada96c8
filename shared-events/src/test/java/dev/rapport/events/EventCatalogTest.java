package dev.rapport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.rapport.events.EventRevision.Upcaster;
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

    @Test
    void aRevisedEventHasOneUpcasterPerChangeChainedFromItsFirstShape() {
        var revised = catalog.types().stream().filter(type -> type.isAnnotationPresent(EventRevision.class)).toList();
        assertThat(revised).as("only events have revisions").allMatch(EventCatalog::isEvent).isNotEmpty();
        for (Class<?> event : revised) {
            EventRevision revision = event.getAnnotation(EventRevision.class);
            assertThat(revision.value()).as(event.getSimpleName() + ": revisions count up from 2").matches("[2-9]|[1-9][0-9]+");
            Upcaster[] upcasters = revision.upcasters();
            assertThat(upcasters).as(event.getSimpleName() + ": one upcaster per change").hasSize(Integer.parseInt(revision.value()) - 1);
            for (int step = 0; step < upcasters.length; step++) {
                String name = event.getSimpleName() + " upcaster " + step;
                assertThat(upcasters[step].from()).as(name + " reads the previous revision")
                        .isEqualTo(step == 0 ? "" : String.valueOf(step + 1));
                assertThat(upcasters[step].to()).as(name + " writes the next").isEqualTo(String.valueOf(step + 2));
                assertThat(upcasters[step].by()).as(name + " names its class").matches("[A-Z][A-Za-z0-9]*Upcaster");
                assertThat(upcasters[step].change()).as(name + " says what changed").isNotBlank();
            }
        }
    }
}
