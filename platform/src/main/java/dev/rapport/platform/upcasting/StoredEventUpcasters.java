package dev.rapport.platform.upcasting;

import java.util.List;

import org.axonframework.serialization.upcasting.event.EventUpcaster;

/** Every upcaster of stored events, in the order they run: a type's older changes before its newer ones. */
public final class StoredEventUpcasters {

    private StoredEventUpcasters() {
    }

    public static List<EventUpcaster> all() {
        return List.of(new InteractionLoggedLanguageUpcaster());
    }
}
