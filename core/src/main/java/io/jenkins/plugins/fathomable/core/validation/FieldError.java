package io.jenkins.plugins.fathomable.core.validation;

import java.util.Objects;

/**
 * One problem with user input, named by the field (a dotted path such as {@code spec.ports[1].port}) and, for
 * YAML input, the 1-based line and column it was found at (0 when unknown).
 */
public record FieldError(String field, String message, int line, int column) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
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
