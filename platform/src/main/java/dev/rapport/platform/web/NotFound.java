package dev.rapport.platform.web;

/** The thing asked for does not exist: answered 404 problem+json. */
public class NotFound extends RuntimeException {

    public NotFound(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
