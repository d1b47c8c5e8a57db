package io.jenkins.plugins.fathomable.engine;

import hudson.Extension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;

/**
 * The one {@link FathomableServices} of a running Jenkins: what release runs and Pipeline steps reach, taken from
 * {@link FathomableEngine} (engine and store) and {@link FathomableConfiguration} (template, environments). A separate
 * class because {@link FathomableEngine#engine()} already names the whole plugin engine.
 */
@Extension
public final class EngineServices implements FathomableServices {

    @Override
    public ReleaseEngine engine() {
        return FathomableEngine.get().engine().releases();
    }

    @Override
    public TrackerStore store() {
        return FathomableEngine.get().engine().store();
    }

    @Override
    public KubernetesClient connect(KubernetesTarget target) {
        return FathomableEngine.get().clusters().connect(target);
    }

    @Override
    public String releasePipelineTemplate() {
        return FathomableConfiguration.get().getReleasePipelineTemplate();
    }
}
