package io.jenkins.plugins.fathomable.steps;

import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import java.util.Optional;

/**
 * What {@code fathomableRelease} tells the engine. It reports only inside the release run of exactly that deployment
 * (same tracker, environment and release), so a Jenkinsfile that deploys something else never settles a deployment
 * it was not started for.
 */
public final class OutcomeReport {

    private OutcomeReport() {
    }

    /** The outcome to report, or empty when this run is not the release run for {@code c}. */
    public static Optional<DeploymentOutcome> outcome(ReleaseRun run, ReleaseCoordinates c, DeployResult result,
            String runUrl) {
        if (run == null || !run.matches(c.tracker(), c.environment(), c.release())) {
            return Optional.empty();
        }
        return Optional.of(result.ready() ? DeploymentOutcome.ready(runUrl)
                : DeploymentOutcome.failed(result.reason(), runUrl));
    }

    /** Reports and returns a line for the build log. */
    public static String report(ReleaseEngine engine, ReleaseRun run, ReleaseCoordinates c, DeployResult result,
            String runUrl) {
        Optional<DeploymentOutcome> outcome = outcome(run, c, result, runUrl);
        if (outcome.isEmpty()) {
            return "Fathomable: not reporting: this run was not started for " + c;
        }
        boolean taken;
        try {
            taken = engine.completed(run.deployment(), outcome.get());
        } catch (NoSuchTrackerException e) {
            return deleted(c.tracker().toString(), "this run");
        }
        return taken ? "Fathomable: reported " + (result.ready() ? "ready" : "failed") + " for " + c
                : "Fathomable: the engine no longer waits for deployment " + run.deployment() + " (already reported)";
    }

    /**
     * The line for a run whose tracker was deleted while it ran (through the REST API or the configuration): not an
     * error, there is just nothing left to record the outcome in.
     */
    public static String deleted(String tracker, String run) {
        return "Fathomable: tracker " + tracker + " was deleted while " + run + " was running; its outcome is not recorded";
    }
}
