package io.jenkins.plugins.fathomable.core.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import java.util.Optional;

/**
 * The Kubernetes client for an environment's cluster, or none when the environment has no cluster (or the host
 * renders only): then releases are written as files instead of applied. The host owns and closes the clients.
 */
@FunctionalInterface
public interface ClusterClients {

    Optional<KubernetesClient> client(KubernetesTarget target);

    /** Render only: no environment is applied to a cluster. */
    static ClusterClients none() {
        return target -> Optional.empty();
    }
}
