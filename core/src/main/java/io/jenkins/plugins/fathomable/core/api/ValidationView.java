package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;

/**
 * The result of the immediate ingest on create/replace: {@code valid} is true only when the file was read and has
 * no problems. Otherwise {@code errors} says why, always: the file's problems with line and column, or why it
 * could not be read. {@code pending} (left out when false) means the read goes on after the answer; the tracker's
 * status then says {@code READING} until it is done.
 */
public record ValidationView(boolean valid, Boolean pending, List<FieldError> errors) {

    public ValidationView {
        errors = List.copyOf(errors);
    }

    public static ValidationView of(IngestResult r) {
        if (r.valid() || !r.errors().isEmpty()) {
            return new ValidationView(r.valid(), null, r.errors());
        }
        TrackerObservation o = r.observation();
        String why = o.lastError() != null ? o.lastError() : "the read ended with " + o.status();
        return new ValidationView(false, null, List.of(new FieldError("sourcePath", "could not be checked: " + why)));
    }

    /** The read is still going on; GET the tracker for its outcome. */
    public static ValidationView pending(String sourcePath) {
        return new ValidationView(false, Boolean.TRUE, List.of(new FieldError("sourcePath", "still reading "
                + sourcePath + " (GitHub or the registry is slow to answer); GET the tracker for the outcome")));
    }
}
