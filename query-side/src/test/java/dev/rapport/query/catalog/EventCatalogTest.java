package dev.rapport.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The JSON catalog is built from the event classes and agrees with the committed Markdown one. */
class EventCatalogTest {

    private static final Path COMMITTED = Path.of("../docs/event-catalog.md");
    private static final Pattern EVENT_CLASS = Pattern.compile("^`(dev\\.rapport\\.events\\.[\\w.]+)` · revision", Pattern.MULTILINE);

    private final EventCatalog eventCatalog = new EventCatalog();
    private final Catalog catalog = eventCatalog.catalog();

    @Test
    void everyEventOfTheCommittedCatalogIsThereAndNoOther() throws IOException {
        List<String> committed = new ArrayList<>();
        var matcher = EVENT_CLASS.matcher(Files.readString(COMMITTED));
        while (matcher.find()) {
            committed.add(matcher.group(1));
        }

        assertThat(committed).hasSizeGreaterThan(30);
        assertThat(catalog.events()).extracting(Catalog.Event::type).containsExactlyInAnyOrderElementsOf(committed);
    }

    @Test
    void everyEventAndFieldIsDescribed() {
        for (Catalog.Event event : catalog.events()) {
            assertThat(event.description()).as(event.name()).isNotBlank();
            assertThat(event.fields()).as(event.name()).isNotEmpty()
                    .allSatisfy(field -> assertThat(field.meaning()).as(event.name() + "." + field.name()).isNotBlank());
        }
        assertThat(catalog.valueTypes()).hasSizeGreaterThan(10)
                .allSatisfy(value -> assertThat(value.description()).as(value.name()).isNotBlank());
    }

    @Test
    void interactionLoggedIsInRevision2WithItsUpcaster() {
        Catalog.Event interaction = event("InteractionLogged");

        assertThat(interaction.type()).isEqualTo("dev.rapport.events.interaction.InteractionLogged");
        assertThat(interaction.description())
                .isEqualTo("A contact with the customer happened and was logged, so the next employee knows about it.");
        assertThat(field(interaction.fields(), "language").meaning())
                .startsWith("the language the contact was held in, an IETF language tag");
        assertThat(interaction.revision()).isEqualTo("2");
        assertThat(interaction.fields()).extracting(Catalog.Field::name).contains("language");
        assertThat(interaction.upcasters()).singleElement().satisfies(upcaster -> {
            assertThat(upcaster.from()).isNull();
            assertThat(upcaster.to()).isEqualTo("2");
            assertThat(upcaster.by()).isEqualTo("InteractionLoggedLanguageUpcaster");
            assertThat(upcaster.change()).contains("language");
        });
        assertThat(event("SaleRecorded").revision()).isNull();
        assertThat(event("SaleRecorded").upcasters()).isEmpty();
    }

    @Test
    void personalDataAndTheDataSubjectAreMarked() {
        Catalog.Event filed = event("ComplaintFiled");

        assertThat(field(filed.fields(), "customerId")).satisfies(f -> {
            assertThat(f.dataSubject()).isTrue();
            assertThat(f.personal()).isFalse();
        });
        assertThat(field(filed.fields(), "description").personal()).isTrue();
        assertThat(field(filed.fields(), "category").personal()).isFalse();
        assertThat(field(valueType("CustomerProfile").fields(), "email").personal()).isTrue();
        assertThat(field(event("SaleRecorded").fields(), "lines").type()).isEqualTo("List<SaleLine>");
    }

    @Test
    void enumsListTheirValues() {
        assertThat(valueType("Sentiment").kind()).isEqualTo("enum");
        assertThat(valueType("Sentiment").values()).containsExactly("POSITIVE", "NEUTRAL", "NEGATIVE");
        assertThat(valueType("Sentiment").description()).isEqualTo("The customer's mood as the employee or a classifier read it.");
    }

    @Test
    void theMarkdownIsTheCommittedCatalog() throws IOException {
        assertThat(eventCatalog.markdown()).isEqualTo(Files.readString(COMMITTED));
    }

    @Test
    void simpleNamesFindTheirEvent() {
        assertThat(eventCatalog.eventNamed("SaleRecorded")).hasValueSatisfying(type -> assertThat(type.getName())
                .isEqualTo("dev.rapport.events.sales.SaleRecorded"));
        assertThat(eventCatalog.eventNamed("Money")).as("a value type is no event").isEmpty();
    }

    private Catalog.Event event(String name) {
        return catalog.events().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    private Catalog.ValueType valueType(String name) {
        return catalog.valueTypes().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static Catalog.Field field(List<Catalog.Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
