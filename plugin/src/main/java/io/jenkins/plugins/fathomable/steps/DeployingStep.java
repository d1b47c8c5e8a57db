package io.jenkins.plugins.fathomable.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import java.time.Clock;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/** A step that applies a release and waits for it to be ready: adds how long to wait. */
public abstract class DeployingStep extends AbstractReleaseStep {

    public static final int DEFAULT_TIMEOUT_MINUTES = 10;
    public static final int MAX_TIMEOUT_MINUTES = 24 * 60;

    private final String function;
    private final boolean reportsOutcome;
    private Integer timeoutMinutes;

    /**
     * @param function       the step's function name, for messages
     * @param reportsOutcome whether the outcome goes to the engine (else the run's result decides it)
     */
    DeployingStep(String function, boolean reportsOutcome) {
        this.function = function;
        this.reportsOutcome = reportsOutcome;
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    @Override
    public final StepExecution start(StepContext context) throws Exception {
        try {
            ReleaseCoordinates c = coordinatesToDeploy(function, releaseRunOf(context.get(Run.class)));
            return new DeployExecution(context, function, c, DeployExecution.deadline(Clock.systemUTC(), timeout()),
                    reportsOutcome);
        } catch (ValidationException e) {
            throw new AbortException(function + ": " + e.getMessage());
        }
    }

    /**
     * What to deploy: only ever the deployment the current release run was started for. Deploying from any other
     * run would bypass what the engine enforces before it starts a run (order, approvals, windows, soak, holds).
     *
     * @throws ValidationException naming the parameter that asks for something else, or outside a release run
     */
    ReleaseCoordinates coordinatesToDeploy(String function, ReleaseRun fromRun) {
        return onlyTheRunsDeployment(function, coordinates(fromRun), fromRun);
    }

    static ReleaseCoordinates onlyTheRunsDeployment(String function, ReleaseCoordinates c, ReleaseRun fromRun) {
        if (fromRun == null) {
            throw new ValidationException("run", function + " deploys only in a release run that Fathomable started, "
                    + "so that approvals, windows and holds apply; use fathomableRender to look at a release elsewhere");
        }
        if (!fromRun.matches(c.tracker(), c.environment(), c.release())) {
            throw new ValidationException(!fromRun.tracker().equals(c.tracker()) ? "tracker"
                    : !fromRun.environment().equals(c.environment()) ? "environment" : "release",
                    "this run was started for release " + fromRun.release() + " of " + fromRun.tracker() + " in "
                            + fromRun.environment() + " and cannot deploy " + c);
        }
        return c;
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
