package io.jenkins.plugins.fathomable.e2e.harness;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Kubernetes API servers for a group's environments: core's {@link MockCluster} (fabric8's mock server in CRUD mode,
 * with server-side apply) in the test JVM, on 127.0.0.1, which Jenkins' release runs reach at {@link #url}. Each
 * plays the Deployment controller: an applied Deployment is rolled out (ready) within a moment, unless the test
 * {@link #holdBack holds it back}, as while its pods would not start. Register before the group's
 * {@link JenkinsGroup}, so the URLs exist when its Configuration as Code is written.
 */
public final class Clusters implements BeforeAllCallback, AfterAllCallback {

    /** The mock server logs every request it answers at INFO: thousands of console lines per group, no news. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private final List<String> names;
    private final Map<String, MockCluster> clusters = new LinkedHashMap<>();
    private final Set<String> heldBack = ConcurrentHashMap.newKeySet();

    private Clusters(List<String> names) {
        this.names = names;
    }

    /** One API server per name (e.g. {@code nonprod}, {@code prod}). */
    public static Clusters named(String... names) {
        return new Clusters(List.of(names));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String name : names) {
            MockCluster cluster = MockCluster.start();
            clusters.put(name, cluster);
            cluster.rollOutContinuously(Duration.ofMillis(200), d -> !heldBack.contains(key(d)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clusters.values().forEach(MockCluster::close);
    }

    public MockCluster get(String name) {
        MockCluster cluster = clusters.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster " + name + " in " + clusters.keySet());
        }
        return cluster;
    }

    /** {@code http://127.0.0.1:PORT} of cluster {@code name}. */
    public String url(String name) {
        return get(name).url();
    }

    /** Deployment {@code namespace/name} stays unready (its new generations are not rolled out) until released. */
    public void holdBack(String namespace, String name) {
        heldBack.add(namespace + "/" + name);
    }

    /** Lets the Deployment roll out again. */
    public void release(String namespace, String name) {
        heldBack.remove(namespace + "/" + name);
    }

    /** The requests cluster {@code name} answered for Jenkins (not the test's own), oldest first. */
    public List<MockCluster.Request> requests(String name) {
        return get(name).requestsFromOthers();
    }

    /** The server-side apply requests cluster {@code name} answered, oldest first. */
    public List<MockCluster.Request> applies(String name) {
        return requests(name).stream().filter(MockCluster.Request::isApply).toList();
    }

    private static String key(Deployment d) {
        return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
    }
}
