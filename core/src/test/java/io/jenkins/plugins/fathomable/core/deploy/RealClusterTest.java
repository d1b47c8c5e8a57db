package io.jenkins.plugins.fathomable.core.deploy;

import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.configMap;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.deployment;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The happy path against a real cluster: apply with server-side apply, wait for readiness, apply a second release
 * that drops an object, see it pruned. Opt-in: runs only when {@code FATHOMABLE_REAL_CLUSTER=true} and
 * {@code KUBECONFIG} names a kubeconfig file (a KUBECONFIG set for other work must not make a build touch that
 * cluster); it creates and then deletes a namespace {@code fathomable-it-<random>} and pulls a small public image.
 */
class RealClusterTest {

    @Test
    void appliesWaitsAndPrunesOnARealCluster() throws Exception {
        Assumptions.assumeTrue("true".equals(System.getenv("FATHOMABLE_REAL_CLUSTER")),
                "RealClusterTest is opt-in: set FATHOMABLE_REAL_CLUSTER=true and KUBECONFIG to run it");
        String kubeconfig = System.getenv("KUBECONFIG");
        Assumptions.assumeTrue(kubeconfig != null && !kubeconfig.isBlank() && Files.isReadable(Path.of(kubeconfig)),
                "RealClusterTest needs a real cluster: set KUBECONFIG to a readable kubeconfig file whose current"
                        + " context may create namespaces (skipped: KUBECONFIG is "
                        + (kubeconfig == null ? "not set" : "'" + kubeconfig + "', not a readable file") + ")");

        String namespace = "fathomable-it-" + UUID.randomUUID().toString().substring(0, 8);
        TrackerId tracker = TrackerId.parse("it.hello");
        ClusterConnector connector = ClusterConnector.forThisProcess(CredentialsPort.none(), io.jenkins.plugins.fathomable.core.source.Proxies.system());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (KubernetesClient client = connector.connect(new ClusterConfig.KubeconfigFile(Path.of(kubeconfig), null))) {
            try {
                Applier applier = new Applier(client);
                ApplyOptions options = new ApplyOptions(false, true);
                Inventory first = applier.apply(tracker, namespace, List.of(
                        deployment("hello", "registry.k8s.io/pause:3.9", 1), service("hello"),
                        configMap("hello-extra", Map.of("a", "1"))), options);

                Readiness readiness = new ReadinessWaiter(scheduler, Clock.systemUTC())
                        .await(() -> new ReadinessChecker(client).check(namespace, first), Duration.ofMinutes(3),
                                p -> { })
                        .get(4, TimeUnit.MINUTES);
                assertThat(readiness).isEqualTo(Readiness.ready());

                DiffResult diff = new DryRunDiffer(client).diff(tracker, namespace, List.of(
                        deployment("hello", "registry.k8s.io/pause:3.9", 1), service("hello")), first, options);
                assertThat(diff.refs(ObjectDiff.Change.REMOVED)).extracting(ObjectRef::name)
                        .containsExactly("hello-extra");

                ApplyResult second = applier.applyAndPrune(tracker, namespace, List.of(
                        deployment("hello", "registry.k8s.io/pause:3.9", 1), service("hello")), first, options);
                assertThat(second.prune().deleted()).extracting(ObjectRef::name).containsExactly("hello-extra");
                assertThat(client.configMaps().inNamespace(namespace).withName("hello-extra").get()).isNull();
                assertThat(client.apps().deployments().inNamespace(namespace).withName("hello").get()
                        .getMetadata().getManagedFields())
                        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo(ApplyOptions.FIELD_MANAGER));
            } finally {
                client.namespaces().withName(namespace).delete();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
