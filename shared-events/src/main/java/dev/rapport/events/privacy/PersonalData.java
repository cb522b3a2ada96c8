package dev.rapport.events.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event (or of a value inside one) as personal data of the event's
 * {@link DataSubject}. Marked fields are encrypted with the subject's own key when stored and read as
 * erased once that key is deleted (crypto-shredding); nothing else in the code needs to know which
 * fields are personal.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface PersonalData {
}
