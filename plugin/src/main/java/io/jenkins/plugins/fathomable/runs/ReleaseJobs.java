package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import java.io.IOException;

/** The Jenkins side of release runs: Pipeline jobs and their queue. */
public interface ReleaseJobs {

    /**
     * Creates the Pipeline job {@code name} or brings its definition up to date: {@code script} in the sandbox, and
     * {@code description}.
     *
     * @throws IOException when the job cannot be created or saved, or the name is taken by another kind of item
     */
    void ensure(String name, String script, String description) throws IOException;

    /** Queues a run of {@code name} for {@code run}; {@code false} if Jenkins refused (job disabled, shutting down). */
    boolean schedule(String name, ReleaseRun run) throws IOException;

    /**
     * What Jenkins knows of the release run of {@code deployment}: waiting in the queue or still building (Jenkins keeps
     * both across a restart: the queue is saved, Pipeline runs resume), finished, or none found.
     */
    RunState runState(DeploymentId deployment);

    /** The state of a deployment's release run. */
    sealed interface RunState {

        /** No queued item and none of the job's recent runs is for the deployment. */
        record None() implements RunState {
        }

        /** Queued or building: the run listener reports it when it ends. */
        record Active() implements RunState {
        }

        /** Finished, with the outcome its result means (the run listener reports the same). */
        record Finished(DeploymentOutcome outcome) implements RunState {
        }

        /** Not found among the runs looked at, but older ones were not looked at: it may have run. */
        record NotFoundRecently(String reason) implements RunState {
        }
    }

    /** Receives the outcome of a deployment the executor could not start. */
    @FunctionalInterface
    interface Outcomes {
        void completed(DeploymentId id, DeploymentOutcome outcome);
    }
}
