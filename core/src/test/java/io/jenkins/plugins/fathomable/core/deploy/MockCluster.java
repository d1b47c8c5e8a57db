package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/** A CRUD-mode fabric8 mock API server on 127.0.0.1 that understands server-side apply, and a client for it. */
public final class MockCluster implements AutoCloseable {

    final ApplyPatchDispatcher dispatcher = new ApplyPatchDispatcher();
    final KubernetesMockServer server;
    public final NamespacedKubernetesClient client;

    MockCluster(boolean https) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, https);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public static MockCluster start() {
        return new MockCluster(false);
    }

    /** A new client for the same server, as a host hands out per deployment (the caller closes it). */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /** Fault injection: the next {@code count} server-side applies answer {@code status} (500, 409...). */
    public void failNextApplies(int status, int count) {
        dispatcher.failNextApplies(status, count);
    }

    /** How many requests the server has answered. */
    public int requestCount() {
        return dispatcher.requests().size();
    }

    /** Paths (with query) of the server-side apply requests, in order. */
    public List<String> applyPaths() {
        return dispatcher.applyRequests().stream().map(r -> r.getPath()).toList();
    }

    /** Plays the Deployment controller: every replica of the current generation updated and ready. */
    public void rolledOut(String namespace, String deployment) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).editStatus(d -> {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas).build());
            return d;
        });
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
