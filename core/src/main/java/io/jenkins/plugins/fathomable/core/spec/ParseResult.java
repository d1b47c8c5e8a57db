package io.jenkins.plugins.fathomable.core.spec;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link SpecParser#parse}: a spec and no errors, or every error found (in document order) and
 * no spec.
 */
public record ParseResult(AppSpec spec, List<FieldError> errors) {

    public ParseResult {
        errors = List.copyOf(errors);
        if ((spec == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a ParseResult holds either a spec or errors");
        }
    }

    public static ParseResult valid(AppSpec spec) {
        return new ParseResult(spec, List.of());
    }

    public static ParseResult invalid(List<FieldError> errors) {
        return new ParseResult(null, errors);
    }

    public boolean isValid() {
        return spec != null;
    }

    public Optional<AppSpec> specIfValid() {
        return Optional.ofNullable(spec);
    }

    /** The spec, or a {@link ValidationException} carrying every error. */
    public AppSpec orThrow() {
        if (spec == null) {
            throw new ValidationException(errors);
        }
        return spec;
    }
}
