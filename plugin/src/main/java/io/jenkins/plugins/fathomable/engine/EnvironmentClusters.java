package io.jenkins.plugins.fathomable.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConfig;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConnector;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Clients for the clusters of the configured environments. A target's cluster reference is its environment's name
 * (see {@code config.EnvironmentEntry}); the environment says how to reach it: an API server URL with a token
 * credential, resolved now, or the service account of the pod Jenkins runs in.
 */
final class EnvironmentClusters {

    private final Map<String, ClusterConfig> clusters;
    private final ClusterConnector connector;

    /** @param clusters by cluster reference, as in {@code config.EngineSettings.clusters()} */
    EnvironmentClusters(Map<String, ClusterConfig> clusters, ClusterConnector connector) {
        this.clusters = Map.copyOf(clusters);
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** How {@code target}'s cluster is reached; a {@link ValidationException} naming the environment if unknown. */
    ClusterConfig cluster(KubernetesTarget target) {
        ClusterConfig cluster = clusters.get(target.cluster());
        if (cluster == null) {
            throw new ValidationException("cluster", "no environment named '" + target.cluster() + "' is configured in "
                    + "Manage Jenkins » System » Fathomable (configured: " + String.join(", ", new TreeSet<>(clusters.keySet()))
                    + ")");
        }
        return cluster;
    }

    /** A new client for {@code target}'s cluster; the caller closes it. */
    KubernetesClient connect(KubernetesTarget target) {
        return connector.connect(cluster(target));
    }
}
