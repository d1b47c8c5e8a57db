package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Objects;

/**
 * Names one hand-out to the executor, {@code group.name/7}: the executor passes it back with the outcome, so a late
 * or repeated outcome for an older hand-out is recognised and ignored.
 */
public record DeploymentId(TrackerId tracker, long sequence) {

    public DeploymentId {
        Objects.requireNonNull(tracker, "tracker");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive");
        }
    }

    /** Parses {@code group.name/7}. */
    public static DeploymentId parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash < 0) {
            throw new ValidationException("deployment", "must be group.name/number, got '" + text + "'");
        }
        TrackerId tracker = TrackerId.parse("deployment", text.substring(0, slash));
        try {
            long sequence = Long.parseLong(text.substring(slash + 1));
            if (sequence > 0) {
                return new DeploymentId(tracker, sequence);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ValidationException("deployment", "must end in a positive number, got '" + text + "'");
    }

    @Override
    public String toString() {
        return tracker + "/" + sequence;
    }
}
