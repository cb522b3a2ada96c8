package dev.rapport.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision an event is written with now, stored in {@code domain_event_entry.payload_revision}.
 * An event without it is in its first shape (revision null). Each change of shape after the first is
 * one {@link Upcaster}, which turns stored events of the previous revision into the next: the
 * upcasters form a chain from the first shape to {@link #value()}. The event store reads this
 * annotation by name, so the contract stays free of framework imports.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {

    /** The current revision: {@code "2"} for the first change, then {@code "3"}... */
    String value();

    /** The upcasters from the first shape to this revision, oldest first. */
    Upcaster[] upcasters();

    /** One change of shape and the upcaster that brings stored events across it. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Upcaster {

        /** The stored revision it reads, {@code ""} for the first shape (stored as null). */
        String from();

        /** The revision it produces. */
        String to();

        /** The upcaster's class name (simple) in the event store's upcasting package. */
        String by();

        /** What changed and what the upcaster fills in for events stored before. */
        String change();
    }
}
