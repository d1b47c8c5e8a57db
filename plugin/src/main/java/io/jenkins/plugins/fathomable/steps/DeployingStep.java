package io.jenkins.plugins.fathomable.steps;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import org.kohsuke.stapler.DataBoundSetter;

/** A step that applies a release and waits for it to be ready: adds how long to wait. */
public abstract class DeployingStep extends AbstractReleaseStep {

    public static final int DEFAULT_TIMEOUT_MINUTES = 10;
    public static final int MAX_TIMEOUT_MINUTES = 24 * 60;

    private Integer timeoutMinutes;

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    /** @throws ValidationException if out of range */
    Duration timeout() {
        int minutes = timeoutMinutes == null ? DEFAULT_TIMEOUT_MINUTES : timeoutMinutes;
        if (minutes < 1 || minutes > MAX_TIMEOUT_MINUTES) {
            throw new ValidationException("timeoutMinutes", "must be from 1 to " + MAX_TIMEOUT_MINUTES
                    + " minutes, got " + minutes);
        }
        return Duration.ofMinutes(minutes);
    }
}
