package dev.rapport.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.rapport.events.EventRevision.Upcaster;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * Writes the event catalog (Markdown) from the compiled event records and their Javadoc: every event
 * with its fields, types, personal-data marks and revision, then the value types they use.
 * An event is a record with a {@link DataSubject} component; other records and enums are value types.
 */
final class EventCatalog {

    /** The type's Javadoc: the last one before its declaration (annotations in between may nest). */
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/(?:(?!/\\*\\*).)*?public (?:record|enum|interface|@interface)", Pattern.DOTALL);
    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=@param|$)", Pattern.DOTALL);

    private final Path classes;
    private final Path sources;

    EventCatalog(Path classes, Path sources) {
        this.classes = classes;
        this.sources = sources;
    }

    String render() {
        List<Class<?>> types = types();
        Map<String, List<Class<?>>> eventsByPackage = new TreeMap<>();
        List<Class<?>> values = new ArrayList<>();
        for (Class<?> type : types) {
            if (isEvent(type)) {
                eventsByPackage.computeIfAbsent(type.getPackageName(), p -> new ArrayList<>()).add(type);
            } else if (!type.isAnnotation()) {
                values.add(type);
            }
        }
        StringBuilder out = new StringBuilder("""
                # Rapport event catalog

                Generated from `shared-events` by `EventCatalogTest`; do not edit by hand. Regenerate with
                `./mvnw -pl shared-events test -Dcatalog.update=true` after changing an event.

                Events are stored as JSON (Jackson 3) in `domain_event_entry.payload`, their class name in
                `payload_type` and their revision in `payload_revision` (empty = the first shape). Fields marked
                **personal** hold personal data of the event's data subject (the `customerId`), to be encrypted
                per customer and shown as erased once the customer is erased. A published event never changes
                shape: a change is a new revision (`@EventRevision`) with an upcaster, listed under the event.
                Upcasters live in `platform` (`dev.rapport.platform.upcasting`) and run as events are read from
                the store, so aggregates and projections only ever see the current shape; the event export
                (`/api/export/events`) hands out the JSON as stored, with its revision.

                """);
        eventsByPackage.forEach((pkg, events) -> {
            out.append("## ").append(pkg.substring(pkg.lastIndexOf('.') + 1)).append("\n\n");
            events.forEach(event -> describeRecord(out, event, true));
        });
        out.append("## Value types\n\n");
        values.forEach(value -> {
            if (value.isRecord()) {
                describeRecord(out, value, false);
            } else if (value.isEnum()) {
                out.append("### ").append(value.getSimpleName()).append("\n\n").append(docOf(value).description)
                        .append("\n\nValues: ").append(Arrays.stream(value.getEnumConstants()).map(c -> "`" + c + "`")
                                .collect(Collectors.joining(", "))).append("\n\n");
            }
        });
        return out.toString();
    }

    private void describeRecord(StringBuilder out, Class<?> type, boolean event) {
        Doc doc = docOf(type);
        out.append("### ").append(type.getSimpleName()).append("\n\n");
        if (event) {
            out.append("`").append(type.getName()).append("` · revision ").append(revision(type)).append("\n\n");
        }
        out.append(doc.description).append("\n\n| field | type | | meaning |\n|---|---|---|---|\n");
        for (RecordComponent component : type.getRecordComponents()) {
            String marks = component.isAnnotationPresent(DataSubject.class) ? "data subject"
                    : component.isAnnotationPresent(PersonalData.class) ? "**personal**" : "";
            out.append("| `").append(component.getName()).append("` | ").append(typeName(component.getGenericType()))
                    .append(" | ").append(marks).append(" | ").append(doc.params.getOrDefault(component.getName(), ""))
                    .append(" |\n");
        }
        out.append('\n');
        if (event && type.isAnnotationPresent(EventRevision.class)) {
            describeUpcasters(out, type.getAnnotation(EventRevision.class));
        }
    }

    private static void describeUpcasters(StringBuilder out, EventRevision revision) {
        out.append("Upcasters, each from a stored revision to the next:\n\n| from | to | upcaster | change |\n|---|---|---|---|\n");
        for (Upcaster upcaster : revision.upcasters()) {
            out.append("| ").append(upcaster.from().isEmpty() ? "initial" : "`" + upcaster.from() + "`")
                    .append(" | `").append(upcaster.to()).append("` | `").append(upcaster.by()).append("` | ")
                    .append(clean(upcaster.change())).append(" |\n");
        }
        out.append('\n');
    }

    private static String revision(Class<?> type) {
        EventRevision revision = type.getAnnotation(EventRevision.class);
        return revision == null ? "initial" : "`" + revision.value() + "`";
    }

    static boolean isEvent(Class<?> type) {
        return type.isRecord() && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.isAnnotationPresent(DataSubject.class));
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return typeName(parameterized.getRawType()) + "&lt;" + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(EventCatalog::typeName).collect(Collectors.joining(", ")) + "&gt;";
        }
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }

    List<Class<?>> types() {
        try (Stream<Path> files = Files.walk(classes.resolve("dev/rapport/events"))) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> !name.contains(".privacy."))
                    .map(EventCatalog::load)
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private Doc docOf(Class<?> type) {
        Path source = sources.resolve(type.getName().replace('.', '/') + ".java");
        try {
            Matcher javadoc = JAVADOC.matcher(Files.readString(source));
            if (!javadoc.find()) {
                return new Doc("", Map.of());
            }
            String text = Arrays.stream(javadoc.group(1).split("\n"))
                    .map(line -> line.replaceFirst("^\\s*\\*\\s?", "").strip())
                    .collect(Collectors.joining(" ")).strip();
            int firstParam = text.indexOf("@param");
            String description = clean(firstParam < 0 ? text : text.substring(0, firstParam));
            Map<String, String> params = new LinkedHashMap<>();
            Matcher param = PARAM.matcher(firstParam < 0 ? "" : text.substring(firstParam));
            while (param.find()) {
                params.put(param.group(1), clean(param.group(2)));
            }
            return new Doc(description, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clean(String javadoc) {
        return javadoc.replaceAll("\\{@(?:link|code) ([^}]*)}", "`$1`").replaceAll("<[^>]+>", "").replace("|", "\\|")
                .replaceAll("\\s+", " ").strip();
    }

    private record Doc(String description, Map<String, String> params) {
    }
}
