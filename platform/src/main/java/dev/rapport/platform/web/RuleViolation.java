package dev.rapport.platform.web;

/**
 * A command broke a business rule. The {@code code} is machine-readable and stable (clients switch on
 * it); the message explains it to a person. Answered 422 problem+json, or 409 when {@code conflict}.
 */
public class RuleViolation extends RuntimeException {

    private final String code;
    private final boolean conflict;

    public RuleViolation(String code, String message) {
        this(code, message, false);
    }

    public RuleViolation(String code, String message, boolean conflict) {
        super(message);
        this.code = code;
        this.conflict = conflict;
    }

    public String code() {
        return code;
    }

    public boolean conflict() {
        return conflict;
    }
}
