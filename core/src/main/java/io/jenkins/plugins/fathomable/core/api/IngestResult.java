package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * What an immediate ingest found.
 *
 * @param observation what was seen (commit, file revision, image), saved as the tracker's observation
 * @param errors      problems in {@code fathomable.yaml} (fields named as in the file, with line and column),
 *                    or why it could not be read; empty when the file is valid
 */
public record IngestResult(TrackerObservation observation, List<FieldError> errors) {

    public IngestResult {
        Objects.requireNonNull(observation, "observation");
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty() && observation.status() == TrackerObservation.Status.OK;
    }
}
