package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens, once per Jenkins start, to deployments the store still marks in progress. A release run that is
 * queued or building survived the restart (Jenkins saves its queue when it stops cleanly, and otherwise a minute
 * after a change; Pipeline runs resume) and reports its own outcome, so it is left alone and never scheduled a second
 * time. A run that already finished gets its result reported (again: the engine ignores a repeat of what the run
 * listener reported). A deployment without any run never started one (a run is on disk before its first step), so
 * nothing of it reached a cluster: it was lost between being handed out and its run being queued, or with the queue
 * of a Jenkins that stopped before saving it, and its run is queued again. Only if that fails, or if the job has more
 * runs than are looked at (its run might be among the older ones), is it reported failed, for a person to retry.
 */
public final class InterruptedReleases {

    private static final Logger LOG = Logger.getLogger(InterruptedReleases.class.getName());

    static final String REASON = "Jenkins restarted while this deployment was in progress, no queued or running "
            + "release run was found for it and its run could not be queued again";

    static final String OLD_RUN_REASON = "Jenkins restarted while this deployment was in progress and its release "
            + "run could not be told apart from older runs; retry the release if it did not deploy";

    private InterruptedReleases() {
    }

    /**
     * @param inProgress {@code ReleaseEngine.inProgress()} at start, before anything new is handed out
     * @param executor   queues a lost deployment's run again (reporting to {@code outcomes} if it cannot)
     * @return the deployments whose runs were queued again
     */
    public static List<DeploymentId> settle(List<DeploymentRequest> inProgress, ReleaseJobs jobs,
            ReleaseJobs.Outcomes outcomes, ReleaseExecutor executor) {
        List<DeploymentId> requeued = new ArrayList<>();
        for (DeploymentRequest request : inProgress) {
            String what = ReleaseRun.of(request).description();
            ReleaseJobs.RunState state;
            try {
                state = jobs.runState(request.id());
            } catch (RuntimeException e) {
                // unknown: leave it in progress rather than risk a second run of one that is still going
                LOG.log(Level.WARNING, "cannot tell whether " + what + " still has a release run", e);
                continue;
            }
            if (state instanceof ReleaseJobs.RunState.Finished finished) {
                outcomes.completed(request.id(), finished.outcome());
            } else if (state instanceof ReleaseJobs.RunState.Active) {
                LOG.info("after the restart, " + what + " continues in its queued or running release run");
            } else if (state instanceof ReleaseJobs.RunState.NotFoundRecently notFound) {
                // it may have run long ago: never risk a second run, let a person decide
                LOG.info("after the restart, " + what + " has " + notFound.reason() + "; reporting it failed");
                outcomes.completed(request.id(), DeploymentOutcome.failed(OLD_RUN_REASON + " (" + notFound.reason()
                        + ")", null));
            } else {
                LOG.info("after the restart, " + what + " has no queued or running release run and none ran; "
                        + "queuing its run again");
                try {
                    executor.execute(request);
                    requeued.add(request.id());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot queue the release run of " + what + " again; reporting it failed", e);
                    outcomes.completed(request.id(), DeploymentOutcome.failed(REASON + ": " + e.getMessage(), null));
                }
            }
        }
        return requeued;
    }
}
