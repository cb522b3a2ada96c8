package dev.rapport.query.catalog;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.rapport.events.EventRevision;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;
import org.springframework.stereotype.Component;

/**
 * The event catalog, built once at startup from the event classes on the classpath (structure,
 * revisions, upcasters, personal-data marks) and the committed Markdown catalog (descriptions).
 */
@Component
public class EventCatalog {

    private final Catalog catalog;
    private final String markdown;
    private final Map<String, Class<?>> eventsBySimpleName;

    /** From the event classes and the Markdown catalog on the classpath. */
    public EventCatalog() {
        this(EventContract.onClasspath(), CatalogProse.fromClasspath());
    }

    EventCatalog(EventContract contract, CatalogProse prose) {
        this.catalog = new Catalog(
                contract.events().stream().map(event -> event(event, prose.of(event))).toList(),
                contract.valueTypes().stream().map(value -> valueType(value, prose.of(value))).toList());
        this.markdown = prose.markdown();
        this.eventsBySimpleName = contract.events().stream().collect(Collectors.toMap(Class::getSimpleName, Function.identity()));
    }

    public Catalog catalog() {
        return catalog;
    }

    /** {@code docs/event-catalog.md} as committed. */
    public String markdown() {
        return markdown;
    }

    /** The event type of that simple name, e.g. {@code SaleRecorded}. */
    public Optional<Class<?>> eventNamed(String simpleName) {
        return Optional.ofNullable(eventsBySimpleName.get(simpleName));
    }

    private static Catalog.Event event(Class<?> type, CatalogProse.Prose prose) {
        EventRevision revision = type.getAnnotation(EventRevision.class);
        List<Catalog.Upcaster> upcasters = revision == null ? List.of() : Arrays.stream(revision.upcasters())
                .map(u -> new Catalog.Upcaster(u.from().isEmpty() ? null : u.from(), u.to(), u.by(), u.change()))
                .toList();
        return new Catalog.Event(type.getSimpleName(), type.getName(), revision == null ? null : revision.value(),
                prose.description(), fields(type, prose), upcasters);
    }

    private static Catalog.ValueType valueType(Class<?> type, CatalogProse.Prose prose) {
        if (type.isEnum()) {
            return new Catalog.ValueType(type.getSimpleName(), type.getName(), "enum", prose.description(), List.of(),
                    Arrays.stream(type.getEnumConstants()).map(Object::toString).toList());
        }
        return new Catalog.ValueType(type.getSimpleName(), type.getName(), "record", prose.description(), fields(type, prose), List.of());
    }

    private static List<Catalog.Field> fields(Class<?> type, CatalogProse.Prose prose) {
        return Arrays.stream(type.getRecordComponents()).map(component -> field(component, prose)).toList();
    }

    private static Catalog.Field field(RecordComponent component, CatalogProse.Prose prose) {
        return new Catalog.Field(component.getName(), typeName(component.getGenericType()),
                component.isAnnotationPresent(PersonalData.class), component.isAnnotationPresent(DataSubject.class),
                prose.meanings().getOrDefault(component.getName(), ""));
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return typeName(parameterized.getRawType()) + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(EventCatalog::typeName).collect(Collectors.joining(", ", "<", ">"));
        }
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }
}
