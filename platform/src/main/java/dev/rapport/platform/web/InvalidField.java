package dev.rapport.platform.web;

/** A request field whose value is wrong in a way no annotation can express (e.g. it must repeat the path's id): answered 400 naming it. */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
