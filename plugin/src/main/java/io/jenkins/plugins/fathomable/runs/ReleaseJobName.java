package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Optional;

/**
 * The name of a tracker's release job: {@code fathomable-<group>.<name>}, at the top level of Jenkins (a folder
 * would need the Folders plugin). Tracker ids hold only lower-case letters, digits, '-' and one '.', all of which
 * Jenkins accepts in item names, so the name needs no escaping and maps back to exactly one tracker.
 */
public final class ReleaseJobName {

    public static final String PREFIX = "fathomable-";

    private ReleaseJobName() {
    }

    public static String of(TrackerId tracker) {
        return PREFIX + tracker;
    }

    /** The tracker a job name belongs to, or empty for any other job. */
    public static Optional<TrackerId> trackerOf(String jobName) {
        if (jobName == null || !jobName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrackerId.parse(jobName.substring(PREFIX.length())));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }
}
