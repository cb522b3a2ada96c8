package dev.rapport.command;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

import dev.rapport.platform.web.InvalidField;

/**
 * PostgreSQL text cannot hold the NUL character. A command carrying one would be stored (JSON escapes it) and
 * then fail in every projection that writes the text, blocking that projection: so it is refused before it
 * reaches an aggregate, naming the field.
 */
final class NulCharacters {

    private NulCharacters() {
    }

    static void refuseIn(Object command) {
        check(command, "");
    }

    private static void check(Object value, String path) {
        if (value instanceof String text) {
            if (text.indexOf('\u0000') >= 0) {
                throw new InvalidField(path, "must not contain the NUL character");
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                check(read(component, record), path.isEmpty() ? component.getName() : path + "." + component.getName());
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                check(item, path + "[" + index++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> {
                check(key, path);
                check(item, path + "[" + key + "]");
            });
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
