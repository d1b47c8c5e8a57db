package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;

/** The result of the immediate ingest on create/replace: {@code valid} is false when {@code errors} is not empty
 *  or the file could not be read (then {@code errors} says why). */
public record ValidationView(boolean valid, List<FieldError> errors) {

    public ValidationView {
        errors = List.copyOf(errors);
    }

    public static ValidationView of(IngestResult r) {
        return new ValidationView(r.valid(), r.errors());
    }
}
