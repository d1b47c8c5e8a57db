package io.jenkins.plugins.fathomable.core.release;

/**
 * Deploys releases: the plugin starts a pipeline run, the standalone host renders and applies in-process. The
 * engine hands each deployment over once (it is marked in progress first) and expects exactly one outcome back
 * through {@link ReleaseEngine#completed(DeploymentId, DeploymentOutcome)}, possibly from another thread, possibly
 * before {@link #execute} returns.
 */
public interface ReleaseExecutor {

    /**
     * Starts a deployment. Should return quickly; a thrown exception counts as a failed deployment.
     */
    void execute(DeploymentRequest request);
}
