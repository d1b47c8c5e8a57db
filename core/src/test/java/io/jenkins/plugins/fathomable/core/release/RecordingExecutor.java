package io.jenkins.plugins.fathomable.core.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what it was asked to deploy; the test reports outcomes itself. Fails on request when told to. */
final class RecordingExecutor implements ReleaseExecutor {

    final List<DeploymentRequest> requests = new CopyOnWriteArrayList<>();
    volatile RuntimeException refuseWith;

    @Override
    public void execute(DeploymentRequest request) {
        requests.add(request);
        if (refuseWith != null) {
            throw refuseWith;
        }
    }

    DeploymentRequest last() {
        return requests.get(requests.size() - 1);
    }

    /** Requests handed out since the last call. */
    List<DeploymentRequest> drain() {
        List<DeploymentRequest> copy = new ArrayList<>(requests);
        requests.clear();
        return copy;
    }
}
