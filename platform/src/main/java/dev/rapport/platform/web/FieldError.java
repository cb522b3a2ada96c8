package dev.rapport.platform.web;

/** One field at fault in a rejected request, as listed in the problem's {@code errors} member. */
public record FieldError(String field, String message) {
}
