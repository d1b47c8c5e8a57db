package io.jenkins.plugins.fathomable;

import hudson.ExtensionList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.deploy.ApplyOptions;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;

/**
 * What release runs and Pipeline steps need from the running plugin: the one way they reach the engine and its
 * collaborators. Implemented once, as an {@code @Extension}, by the plugin's wiring; everything that uses it takes
 * it as a constructor argument so tests pass their own.
 */
public interface FathomableServices {

    /** The release engine: the flow, and where run outcomes go. */
    ReleaseEngine engine();

    /** The tracker records (releases with their content, what each environment runs). Read only here. */
    TrackerStore store();

    /** A client for the cluster of an environment's target; the caller closes it. */
    KubernetesClient connect(KubernetesTarget target);

    /** The Pipeline template release jobs are made from ({@code runs.PipelineTemplate.DEFAULT} unless an admin changed it). */
    String releasePipelineTemplate();

    /** How to apply to {@code environment}. */
    default ApplyOptions applyOptions(String environment) {
        return ApplyOptions.defaults();
    }

    /**
     * The instance Jenkins registered. Only the Jenkins-facing edges (step executions, run listener) call this.
     *
     * @throws IllegalStateException when the plugin's wiring is missing (no or several implementations)
     */
    static FathomableServices get() {
        return ExtensionList.lookupSingleton(FathomableServices.class);
    }
}
