package io.jenkins.plugins.fathomable.runs;

import hudson.model.Cause;
import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;

/**
 * Why a release run started: names the tracker, environment and release, and carries the deployment id the
 * outcome is reported under. Persisted with the run, so it keeps plain strings and numbers only.
 */
public final class ReleaseCause extends Cause {

    private final String deployment;
    private final String environment;
    private final int release;
    private final String kind;

    public ReleaseCause(ReleaseRun run) {
        this.deployment = run.deployment().toString();
        this.environment = run.environment();
        this.release = run.release();
        this.kind = run.kind().name();
    }

    /** Back to the value it was made from. */
    public ReleaseRun run() {
        return new ReleaseRun(DeploymentId.parse(deployment), environment, release, Deployment.Kind.valueOf(kind));
    }

    @Override
    public String getShortDescription() {
        return run().description();
    }

    public String getDeployment() {
        return deployment;
    }

    public String getEnvironment() {
        return environment;
    }

    public int getRelease() {
        return release;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseCause other && deployment.equals(other.deployment)
                && environment.equals(other.environment) && release == other.release && kind.equals(other.kind);
    }

    @Override
    public int hashCode() {
        return deployment.hashCode();
    }
}
