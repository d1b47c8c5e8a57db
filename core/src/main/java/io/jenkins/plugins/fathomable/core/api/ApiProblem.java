package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;

/** A request the API refuses, with the status and error body to answer. Never holds a secret. */
class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final String field;
    final transient List<FieldError> errors;

    ApiProblem(int status, String code, String message, String field, List<FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    ApiProblem(int status, String code, String message) {
        this(status, code, message, null, List.of());
    }

    static ApiProblem invalid(List<FieldError> errors) {
        FieldError first = errors.get(0);
        String message = errors.size() == 1 ? first.toString()
                : first + " (and " + (errors.size() - 1) + " more in 'errors')";
        return new ApiProblem(400, "invalid_field", message, first.field(), errors);
    }
}
