package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens, once per Jenkins start, to deployments the store still marks in progress. A release run that is
 * queued or building survives the restart (Jenkins saves its queue and resumes Pipeline runs) and reports its own
 * outcome, so it is left alone and never scheduled a second time. A run that already finished gets its result
 * reported (again: the engine ignores a repeat of what the run listener reported). A deployment without any run was
 * lost between being handed out and its run being queued: it is reported failed with that reason, and a person
 * retries it (status page or REST). Not re-run automatically: whether the cluster was already changed cannot be known
 * here, and a retry is one click.
 */
public final class InterruptedReleases {

    private static final Logger LOG = Logger.getLogger(InterruptedReleases.class.getName());

    static final String REASON = "Jenkins restarted while this deployment was in progress and no queued or running "
            + "release run was found for it; retry the release to deploy it again";

    private InterruptedReleases() {
    }

    /**
     * @param inProgress {@code ReleaseEngine.inProgress()} at start, before anything new is handed out
     * @return the deployments reported failed for lack of a run
     */
    public static List<DeploymentId> settle(List<DeploymentRequest> inProgress, ReleaseJobs jobs,
            ReleaseJobs.Outcomes outcomes) {
        List<DeploymentId> failed = new ArrayList<>();
        for (DeploymentRequest request : inProgress) {
            String what = ReleaseRun.of(request).description();
            ReleaseJobs.RunState state;
            try {
                state = jobs.runState(request.id());
            } catch (RuntimeException e) {
                // unknown: leave it in progress rather than risk failing a run that is still going
                LOG.log(Level.WARNING, "cannot tell whether " + what + " still has a release run", e);
                continue;
            }
            if (state instanceof ReleaseJobs.RunState.Finished finished) {
                outcomes.completed(request.id(), finished.outcome());
            } else if (state instanceof ReleaseJobs.RunState.Active) {
                LOG.info("after the restart, " + what + " continues in its queued or running release run");
            } else {
                LOG.warning("after the restart, " + what + " has no release run; reporting it failed");
                outcomes.completed(request.id(), DeploymentOutcome.failed(REASON, null));
                failed.add(request.id());
            }
        }
        return failed;
    }
}
