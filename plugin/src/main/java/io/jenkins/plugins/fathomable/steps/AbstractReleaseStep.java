package io.jenkins.plugins.fathomable.steps;

import hudson.model.Run;
import io.jenkins.plugins.fathomable.runs.ReleaseCause;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters every Fathomable step shares: which release of which tracker for which environment. All optional:
 * in a release run, what is not given comes from the run.
 */
public abstract class AbstractReleaseStep extends Step {

    private String tracker;
    private String environment;
    private Integer release;

    public String getTracker() {
        return tracker;
    }

    @DataBoundSetter
    public void setTracker(String tracker) {
        this.tracker = emptyToNull(tracker);
    }

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = emptyToNull(environment);
    }

    public Integer getRelease() {
        return release;
    }

    @DataBoundSetter
    public void setRelease(Integer release) {
        this.release = release;
    }

    /** @throws io.jenkins.plugins.fathomable.core.validation.ValidationException naming the bad parameter */
    ReleaseCoordinates coordinates(ReleaseRun fromRun) {
        return ReleaseCoordinates.resolve(tracker, environment, release, fromRun);
    }

    /** The release {@code run} was started for, or {@code null} if Fathomable did not start it. */
    static ReleaseRun releaseRunOf(Run<?, ?> run) {
        ReleaseCause cause = run == null ? null : run.getCause(ReleaseCause.class);
        return cause == null ? null : cause.run();
    }

    static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
