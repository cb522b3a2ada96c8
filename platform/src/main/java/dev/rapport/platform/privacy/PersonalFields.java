package dev.rapport.platform.privacy;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a record's personal data sits in its JSON: the components marked {@code @PersonalData}, also inside
 * nested records and collections of records, and the {@code @DataSubject} component whose key encrypts them.
 * The annotations are found by name: the platform may not depend on the event contract, and the contract
 * may not depend on the platform. Discovered once per class.
 */
final class PersonalFields {

    static final String PERSONAL_DATA = "dev.rapport.events.privacy.PersonalData";
    static final String DATA_SUBJECT = "dev.rapport.events.privacy.DataSubject";

    static final PersonalFields NONE = new PersonalFields(List.of(), null);

    private static final Map<Class<?>, PersonalFields> DISCOVERED = new ConcurrentHashMap<>();

    /** One personal component: a leaf value, or a nested record (or collection of them) holding some. */
    record Field(String name, boolean text, PersonalFields nested, boolean many) {
        boolean leaf() {
            return nested == null;
        }
    }

    private final List<Field> fields;
    private final RecordComponent subject;

    private PersonalFields(List<Field> fields, RecordComponent subject) {
        this.fields = List.copyOf(fields);
        this.subject = subject;
    }

    static PersonalFields of(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return NONE;
        }
        return DISCOVERED.computeIfAbsent(type, PersonalFields::discover);
    }

    List<Field> fields() {
        return fields;
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The data subject's id in {@code value}, an instance of the record these fields were found in. */
    String subjectOf(Object value) {
        if (subject == null) {
            throw new IllegalStateException(value.getClass().getName()
                    + " carries @PersonalData but no @DataSubject component: whose key would encrypt it?");
        }
        try {
            Object id = subject.getAccessor().invoke(value);
            if (id == null) {
                throw new IllegalStateException(value.getClass().getName() + "." + subject.getName()
                        + " (@DataSubject) is null: personal data cannot be stored without its subject");
            }
            return id.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + subject, e);
        }
    }

    private static PersonalFields discover(Class<?> type) {
        return discover(type, Set.of());
    }

    private static PersonalFields discover(Class<?> type, Set<Class<?>> enclosing) {
        if (enclosing.contains(type)) {
            return NONE; // a record nesting itself: its personal fields are found at the outer level
        }
        Set<Class<?>> path = new java.util.HashSet<>(enclosing);
        path.add(type);
        List<Field> fields = new ArrayList<>();
        RecordComponent subject = null;
        for (RecordComponent component : type.getRecordComponents()) {
            if (annotated(component, DATA_SUBJECT)) {
                subject = component;
            }
            if (annotated(component, PERSONAL_DATA)) {
                fields.add(new Field(component.getName(), component.getType() == String.class, null, false));
            } else if (component.getType().isRecord()) {
                PersonalFields nested = discover(component.getType(), path);
                if (!nested.isEmpty()) {
                    fields.add(new Field(component.getName(), false, nested, false));
                }
            } else if (Collection.class.isAssignableFrom(component.getType())) {
                Class<?> element = elementType(component.getGenericType());
                if (element != null && element.isRecord()) {
                    PersonalFields nested = discover(element, path);
                    if (!nested.isEmpty()) {
                        fields.add(new Field(component.getName(), false, nested, true));
                    }
                }
            }
        }
        return fields.isEmpty() ? new PersonalFields(List.of(), subject) : new PersonalFields(fields, subject);
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }

    private static boolean annotated(RecordComponent component, String annotationName) {
        for (Annotation annotation : component.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        // a record component's annotation may land on its field only, depending on its @Target
        try {
            for (Annotation annotation : component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotations()) {
                if (annotation.annotationType().getName().equals(annotationName)) {
                    return true;
                }
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        return false;
    }
}
