package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;

/** {@code {"error": code, "message": text, "field": name?, "errors": [...]?}} — the body of every error. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ErrorBody(String error, String message, String field, List<FieldError> errors) {}
