package io.jenkins.plugins.fathomable.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's mock API server in CRUD mode on 127.0.0.1, taught server-side apply in its simplest form: an apply patch
 * creates the object when missing and replaces it otherwise (no field ownership; enough to see what a deployment
 * sends and stores). Records the apply requests.
 */
public final class MockCluster implements AutoCloseable {

    private final ApplyDispatcher dispatcher = new ApplyDispatcher();
    private final KubernetesMockServer server;
    /** For the test's own looks and edits (playing the controllers). */
    public final NamespacedKubernetesClient client;

    public MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    /** A new client, as {@code FathomableServices.connect} hands out (the caller closes it). */
    public KubernetesClient newClient() {
        return server.createClient();
    }

    /** How many requests the server has answered. */
    public int requestCount() {
        return dispatcher.requests.get();
    }

    /** Paths of the server-side apply requests, in order. */
    public List<String> applyPaths() {
        return List.copyOf(dispatcher.applies);
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

    private static final class ApplyDispatcher extends KubernetesCrudDispatcher {

        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
        private static final ObjectMapper JSON = new ObjectMapper();

        final List<String> applies = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            return super.dispatch(request);
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String type = request.getHeader("Content-Type");
            if (type == null || !type.startsWith("application/apply-patch+yaml")) {
                return super.handlePatch(request);
            }
            applies.add(request.getPath());
            String path = request.getPath();
            String resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            String json;
            try {
                json = JSON.writeValueAsString(YAML.readTree(request.getUtf8Body()));
            } catch (IOException e) {
                return new MockResponse().setResponseCode(400).setBody(e.getMessage());
            }
            Map.Entry<AttributeSet, String> current = findResource(getKey(resource));
            if (current == null) {
                return super.handleCreate(request(HttpMethod.POST, resource.substring(0, resource.lastIndexOf('/')),
                        json));
            }
            return super.handleUpdate(request(HttpMethod.PUT, resource, json));
        }

        private static RecordedRequest request(HttpMethod method, String path, String body) {
            return new RecordedRequest("HTTP/1.1", method, path,
                    Headers.builder().add("Content-Type", "application/json").build(),
                    new Buffer(body.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
