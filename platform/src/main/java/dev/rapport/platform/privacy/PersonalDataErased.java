package dev.rapport.platform.privacy;

import dev.rapport.platform.web.RuleViolation;

/** Personal data of an erased subject was about to be stored: refused, it would need a key the subject no longer has. */
public class PersonalDataErased extends RuleViolation {

    public PersonalDataErased(String subjectId) {
        super("customer-erased", "The personal data of " + subjectId + " was erased; nothing personal is recorded for them again", true);
    }
}
