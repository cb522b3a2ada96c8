package dev.rapport.platform;

/**
 * A slice of the database schema owned by one module, migrated by Flyway with its own history table,
 * so the command side and the query side can be deployed and upgraded independently against one
 * PostgreSQL database.
 *
 * @param name     short name; the history table is {@code flyway_history_<name>}
 * @param location classpath location of the module's migrations
 * @param order    modules migrate in ascending order (the event store first)
 */
public record SchemaModule(String name, String location, int order) {

    public static final SchemaModule EVENT_STORE = new SchemaModule("event_store", "classpath:db/event-store", 0);
}
