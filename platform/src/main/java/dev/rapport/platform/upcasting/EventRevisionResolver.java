package dev.rapport.platform.upcasting;

import java.lang.annotation.Annotation;
import java.util.Optional;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/**
 * Reads a payload's revision from the event contract's own annotation ({@code dev.rapport.events.EventRevision}),
 * found by name because the platform may not depend on the contract and the contract may not depend on Axon.
 * A type without it keeps what Axon would give it (its {@code @Revision}, else null), so every event stored
 * before revisions existed, and every token, saga and snapshot, is serialized exactly as before.
 */
public class EventRevisionResolver implements RevisionResolver {

    /** The annotation of the event contract that carries the revision in {@code value()}. */
    public static final String EVENT_REVISION = "dev.rapport.events.EventRevision";

    private final String annotationName;
    private final RevisionResolver otherwise = new AnnotationRevisionResolver();
    private final ClassValue<Optional<String>> revisions = new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> type) {
            return declaredRevision(type);
        }
    };

    public EventRevisionResolver() {
        this(EVENT_REVISION);
    }

    EventRevisionResolver(String annotationName) {
        this.annotationName = annotationName;
    }

    @Override
    public String revisionOf(Class<?> payloadType) {
        return revisions.get(payloadType).orElseGet(() -> otherwise.revisionOf(payloadType));
    }

    private Optional<String> declaredRevision(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                try {
                    return Optional.of((String) annotation.annotationType().getMethod("value").invoke(annotation));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(annotationName + " has no String value()", e);
                }
            }
        }
        return Optional.empty();
    }
}
