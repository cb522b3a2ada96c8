package dev.rapport.query.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words of the event catalog, read from the Markdown copy of {@code docs/event-catalog.md} the
 * build puts on the classpath: the Javadoc of the event records is not available at run time, and the
 * committed catalog is generated from it (and checked against it) by the shared-events build.
 */
final class CatalogProse {

    static final String RESOURCE = "/dev/rapport/query/catalog/event-catalog.md";

    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `(\\w+)` \\| .*? \\| .*? \\| (.*) \\|$");

    /** The description of a type and the meaning of each of its fields. */
    record Prose(String description, Map<String, String> meanings) {

        static final Prose NONE = new Prose("", Map.of());
    }

    private final String markdown;
    private final Map<String, Prose> byTypeName = new HashMap<>();

    private CatalogProse(String markdown) {
        this.markdown = markdown;
        for (String section : markdown.split("\n### ")) {
            int headingEnd = section.indexOf('\n');
            if (section.startsWith("#") || headingEnd < 0) {
                continue;
            }
            byTypeName.put(section.substring(0, headingEnd).strip(), prose(section.substring(headingEnd + 1)));
        }
    }

    static CatalogProse fromClasspath() {
        try (InputStream in = CatalogProse.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: the build copies docs/event-catalog.md there");
            }
            return new CatalogProse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalog as committed, Markdown. */
    String markdown() {
        return markdown;
    }

    /** What the catalog says about a type, by simple name; {@link Prose#NONE} when it does not know it. */
    Prose of(Class<?> type) {
        return byTypeName.getOrDefault(type.getSimpleName(), Prose.NONE);
    }

    /**
     * A type's section: the class line (events), the description, then the field table (records) or
     * the value list (enums); anything after a blank line following the table (upcasters) is not prose.
     */
    private static Prose prose(String section) {
        String[] headAndTable = section.split("\n\\| field \\|[^\n]*\n", 2);
        String description = headAndTable[0].split("\n## ", 2)[0].lines()
                .filter(line -> !line.isBlank() && !line.startsWith("`dev.rapport.") && !line.startsWith("Values:"))
                .map(String::strip)
                .collect(Collectors.joining(" "));
        Map<String, String> meanings = new LinkedHashMap<>();
        String table = headAndTable.length > 1 ? headAndTable[1].split("\n\n", 2)[0] : "";
        table.lines().map(FIELD_ROW::matcher).filter(Matcher::matches)
                .forEach(row -> meanings.put(row.group(1), row.group(2).replace("\\|", "|")));
        return new Prose(description, meanings);
    }
}
