package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;

/**
 * The tracker keeps no release with this number (never made, or pruned long ago). A {@link ValidationException} on
 * field {@code release}, so callers that report bad input keep working; the REST layer answers 404.
 */
public class NoSuchReleaseException extends ValidationException {

    private static final long serialVersionUID = 1L;

    public NoSuchReleaseException(TrackerId tracker, int release) {
        super("release", "tracker " + tracker + " has no release " + release);
    }
}
