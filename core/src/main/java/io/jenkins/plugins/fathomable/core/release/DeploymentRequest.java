package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.Objects;

/**
 * What the executor is asked to do: render {@code release} (its config content with its pinned image) and apply it
 * to {@code target}, then wait until every container is Ready.
 *
 * @param id          pass back to {@link ReleaseEngine#completed}
 * @param tracker     the tracker the release belongs to
 * @param environment the environment name
 * @param target      cluster reference and namespace
 * @param release     the release, with everything needed to render it
 * @param kind        a promotion, or a rollback to the previously deployed release
 */
public record DeploymentRequest(DeploymentId id, TrackerId tracker, String environment, KubernetesTarget target,
        Release release, Deployment.Kind kind) {

    public DeploymentRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(kind, "kind");
    }
}
