package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;

/**
 * Where an executor reports how a deployment ended: the release engine's
 * {@link io.jenkins.plugins.fathomable.core.release.ReleaseEngine#completed}. An interface of its own because the
 * executor is built before the release engine it reports to.
 */
@FunctionalInterface
public interface DeploymentReporter {

    /** @return {@code false} if the deployment was no longer in progress (a late or repeated outcome) */
    boolean completed(DeploymentId id, DeploymentOutcome outcome);
}
