package io.jenkins.plugins.fathomable.steps;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Which release a step works on: tracker, environment and release number. Each may be given to the step; what is
 * not given comes from the release run the step runs in, so in a release run {@code fathomableRelease()} alone
 * deploys exactly what the run was started for.
 */
public record ReleaseCoordinates(TrackerId tracker, String environment, int release) {

    /**
     * @param fromRun the release the current run was started for, or {@code null} outside release runs
     * @throws ValidationException naming every parameter that is missing or bad
     */
    public static ReleaseCoordinates resolve(String tracker, String environment, Integer release, ReleaseRun fromRun) {
        List<FieldError> errors = new ArrayList<>();
        String notGiven = fromRun == null ? " (this run was not started by Fathomable, so there is no default)" : "";
        TrackerId id = null;
        if (blank(tracker)) {
            if (fromRun == null) {
                errors.add(new FieldError("tracker", "is required: the tracker id, group.name" + notGiven));
            } else {
                id = fromRun.tracker();
            }
        } else {
            try {
                id = TrackerId.parse("tracker", tracker.trim());
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        String env = blank(environment) ? (fromRun == null ? null : fromRun.environment()) : environment.trim();
        if (env == null) {
            errors.add(new FieldError("environment", "is required: the environment to render or deploy for, e.g. dev"
                    + notGiven));
        }
        int number = 0;
        if (release == null) {
            if (fromRun == null) {
                errors.add(new FieldError("release", "is required: the release number" + notGiven));
            } else {
                number = fromRun.release();
            }
        } else if (release < 1) {
            errors.add(new FieldError("release", "must be a positive release number, got " + release));
        } else {
            number = release;
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ReleaseCoordinates(id, env, number);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "release " + release + " of " + tracker + " in " + environment;
    }
}
