package io.jenkins.plugins.fathomable.core.validation;

import java.util.Objects;

/**
 * One problem with user input, named by the field (a dotted path such as {@code spec.ports[1].port}) and, for
 * YAML input, the 1-based line and column it was found at (0 when unknown). Field and message are kept to one
 * printable line (control characters escaped, long text cut), because both may quote input: one problem is always
 * one line of output.
 */
public record FieldError(String field, String message, int line, int column) {

    /** Longest message kept; a message quoting a huge value is cut. */
    public static final int MAX_MESSAGE = 1000;
    /** Longest field path kept. */
    public static final int MAX_FIELD = 200;

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        field = Printable.isClean(field, MAX_FIELD) ? field : Printable.line(field, MAX_FIELD);
        message = Printable.isClean(message, MAX_MESSAGE) ? message : Printable.line(message, MAX_MESSAGE);
    }

    public FieldError(String field, String message) {
        this(field, message, 0, 0);
    }

    /** {@code field: message (line L, column C)}, the form every user-facing error list uses. */
    @Override
    public String toString() {
        String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return field + ": " + message + where;
    }
}
