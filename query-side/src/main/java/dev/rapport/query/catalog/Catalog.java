package dev.rapport.query.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The event catalog as JSON: every event with its revision, fields and upcasters, then the value
 * types the events use.
 *
 * @param events     every event type, by package then name
 * @param valueTypes the records and enums events are made of
 */
public record Catalog(List<Event> events, List<ValueType> valueTypes) {

    /**
     * @param name        the simple name, e.g. {@code InteractionLogged}
     * @param type        the class name, as stored in {@code payload_type}
     * @param revision    the revision written now, as stored in {@code payload_revision}; null for the first shape
     * @param description what happened
     * @param fields      the record's components, in order
     * @param upcasters   how stored older revisions are brought to this one, oldest first
     */
    public record Event(String name, String type, @JsonInclude(JsonInclude.Include.ALWAYS) String revision,
                        String description, List<Field> fields, List<Upcaster> upcasters) {
    }

    /**
     * @param name        the JSON property
     * @param type        its Java type, e.g. {@code List<SaleLine>}
     * @param personal    personal data of the data subject: encrypted per customer, erased with the customer
     * @param dataSubject the id of the customer the event is about
     * @param meaning     what it holds
     */
    public record Field(String name, String type, boolean personal, boolean dataSubject, String meaning) {
    }

    /**
     * @param from   the stored revision it reads, null for the first shape
     * @param to     the revision it produces
     * @param by     the upcaster's class (platform, {@code dev.rapport.platform.upcasting})
     * @param change what changed and what it fills in
     */
    public record Upcaster(@JsonInclude(JsonInclude.Include.ALWAYS) String from, String to, String by, String change) {
    }

    /**
     * @param name        the simple name
     * @param type        the class name
     * @param kind        {@code record} or {@code enum}
     * @param description what it is
     * @param fields      a record's components, empty for an enum
     * @param values      an enum's constants, empty for a record
     */
    public record ValueType(String name, String type, String kind, String description, List<Field> fields, List<String> values) {
    }
}
