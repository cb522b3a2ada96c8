package dev.rapport.query.catalog;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.rapport.events.privacy.DataSubject;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

/**
 * The classes of the event contract ({@code dev.rapport.events}) found on the classpath: the events
 * (records naming a {@link DataSubject}) and the value types they use (other records and enums).
 */
final class EventContract {

    static final String PACKAGE = "dev.rapport.events";

    private final List<Class<?>> events;
    private final List<Class<?>> valueTypes;

    private EventContract(List<Class<?>> types) {
        this.events = types.stream().filter(EventContract::isEvent).toList();
        this.valueTypes = types.stream().filter(type -> !isEvent(type) && (type.isRecord() || type.isEnum())).toList();
    }

    /** Scans the classpath; annotations and nested classes are not part of the catalog. */
    static EventContract onClasspath() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        return new EventContract(scanner.findCandidateComponents(PACKAGE).stream()
                .map(BeanDefinition::getBeanClassName)
                .filter(name -> !name.contains("$"))
                .<Class<?>>map(name -> ClassUtils.resolveClassName(name, EventContract.class.getClassLoader()))
                .sorted(Comparator.comparing(Class::getName))
                .toList());
    }

    static boolean isEvent(Class<?> type) {
        return type.isRecord() && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.isAnnotationPresent(DataSubject.class));
    }

    List<Class<?>> events() {
        return events;
    }

    List<Class<?>> valueTypes() {
        return valueTypes;
    }
}
