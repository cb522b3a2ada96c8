package dev.rapport.query.timeline;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import dev.rapport.events.common.Money;
import dev.rapport.events.privacy.DataSubject;
import dev.rapport.events.privacy.PersonalData;

/**
 * Builds an instance of any event record by reflection, so a test can cover every event type without
 * naming each: personal text fields carry a recognisable marker, or every optional part is left out.
 */
final class SampleEvents {

    static final String PERSONAL = "PERSONAL-TEXT";
    static final Instant TIME = Instant.parse("2026-03-01T09:30:00Z");

    private SampleEvents() {
    }

    /** Every component filled in; personal text fields hold {@link #PERSONAL}. */
    static Object filled(Class<?> type) {
        return build(type, false);
    }

    /** Every reference-typed component null except the data subject: the sparsest shape an event can take. */
    static Object sparse(Class<?> type) {
        return build(type, true);
    }

    private static Object build(Class<?> type, boolean sparse) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> value(c, sparse)).toArray();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object value(RecordComponent component, boolean sparse) {
        Class<?> type = component.getType();
        if (component.isAnnotationPresent(DataSubject.class)) {
            return "c-1";
        }
        if (type == int.class) {
            return 3;
        } else if (type == long.class) {
            return 1200L;
        } else if (type == boolean.class) {
            return true;
        } else if (sparse) {
            return null;
        } else if (type == String.class) {
            return component.isAnnotationPresent(PersonalData.class) ? PERSONAL : "x-" + component.getName();
        } else if (type == Integer.class) {
            return 4;
        } else if (type == Long.class) {
            return 500L;
        } else if (type == Instant.class) {
            return TIME;
        } else if (type == LocalDate.class) {
            return LocalDate.of(1990, 5, 17);
        } else if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        } else if (type == List.class) {
            return List.of();
        } else if (type == Money.class) {
            return Money.of("2560", "CNY");
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type.isRecord()) {
            return build(type, false);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
