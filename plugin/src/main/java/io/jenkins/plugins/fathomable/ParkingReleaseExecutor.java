package io.jenkins.plugins.fathomable;

import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in while no real {@link ReleaseExecutor} extension (the pipeline-run executor) is installed: deployments
 * the engine hands out are parked, not run, and stay "in progress" on the status page. When an engine with a real
 * executor replaces this one in the same Jenkins session, the parked requests are handed to it
 * ({@link #drainTo}); after a restart they are among {@code ReleaseEngine.inProgress()}.
 */
final class ParkingReleaseExecutor implements ReleaseExecutor {

    private final List<DeploymentRequest> parked = new ArrayList<>();

    @Override
    public synchronized void execute(DeploymentRequest request) {
        parked.add(request);
    }

    synchronized List<DeploymentRequest> parked() {
        return List.copyOf(parked);
    }

    /** Hands every parked request to {@code executor}, oldest first, and forgets them. */
    synchronized void drainTo(ReleaseExecutor executor) {
        List<DeploymentRequest> all = List.copyOf(parked);
        parked.clear();
        all.forEach(executor::execute);
    }
}
