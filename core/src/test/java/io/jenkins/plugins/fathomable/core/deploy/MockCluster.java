package io.jenkins.plugins.fathomable.core.deploy;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

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

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
