package io.jenkins.plugins.fathomable.core.deploy;

import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.configMap;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.deployment;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.jenkins.plugins.fathomable.core.deploy.ObjectDiff.Change;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DryRunDifferTest {

    private static final String NS = "shop-prod";
    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");

    private MockCluster cluster;
    private Applier applier;
    private DryRunDiffer differ;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        applier = new Applier(cluster.client);
        differ = new DryRunDiffer(cluster.client);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void showsAddedChangedUnchangedAndRemovedObjectsWithoutChangingTheCluster() {
        Inventory live = applier.apply(TRACKER, NS, List.of(deployment("payments-api", "ghcr.io/acme/pay:1.4.2", 2),
                service("payments-api"), configMap("payments-api-legacy", Map.of("OLD", "1"))),
                ApplyOptions.defaults());
        new RolloutStatus(cluster.client, NS).deployment("payments-api", 2, 2);
        String before = cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get()
                .getMetadata().getResourceVersion();
        cluster.dispatcher.clearRequests();

        DiffResult diff = differ.diff(TRACKER, NS, List.of(deployment("payments-api", "ghcr.io/acme/pay:1.5.0", 2),
                service("payments-api"), configMap("payments-api-config", Map.of("LOG_LEVEL", "info"))),
                live, ApplyOptions.defaults());

        assertThat(diff.refs(Change.ADDED)).extracting(ObjectRef::name).containsExactly("payments-api-config");
        assertThat(diff.refs(Change.CHANGED)).extracting(ObjectRef::toString)
                .containsExactly("apps/v1 Deployment shop-prod/payments-api");
        assertThat(diff.refs(Change.UNCHANGED)).extracting(ObjectRef::kind).containsExactly("Service");
        assertThat(diff.refs(Change.REMOVED)).extracting(ObjectRef::name).containsExactly("payments-api-legacy");

        String text = diff.text();
        assertThat(text).startsWith("1 to add, 1 to change, 1 unchanged, 1 to remove\n")
                .contains("--- live: apps/v1 Deployment shop-prod/payments-api")
                .contains("+++ apply: apps/v1 Deployment shop-prod/payments-api")
                .contains("-      - image: ghcr.io/acme/pay:1.4.2")
                .contains("+      - image: ghcr.io/acme/pay:1.5.0")
                .contains("+++ apply: v1 ConfigMap shop-prod/payments-api-config")
                .contains("+  LOG_LEVEL: info")
                .contains("-  OLD: \"1\"")
                // server bookkeeping and status are not part of the diff
                .doesNotContain("resourceVersion").doesNotContain("uid:").doesNotContain("creationTimestamp")
                .doesNotContain("managedFields").doesNotContain("readyReplicas").doesNotContain("generation");
        assertThat(diff.objects()).filteredOn(o -> o.change() == Change.UNCHANGED)
                .singleElement().satisfies(o -> assertThat(o.diff()).isEmpty());

        // Every object went through a server-side dry-run apply, and nothing was stored.
        assertThat(cluster.dispatcher.applyRequests()).hasSize(3)
                .allSatisfy(r -> assertThat(r.getPath()).contains("dryRun=All").contains("fieldManager=fathomable"));
        assertThat(cluster.dispatcher.requests()).noneMatch(r -> r.getMethod().equals("DELETE")
                || r.getMethod().equals("POST") || r.getMethod().equals("PUT"));
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get()
                .getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("payments-api-config").get()).isNull();
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("payments-api-legacy").get()).isNotNull();
    }

    @Test
    void anUnchangedReleaseHasNoChanges() {
        List<HasMetadata> objects = List.of(deployment("web", "img:1", 1), service("web"));
        Inventory live = applier.apply(TRACKER, NS, objects, ApplyOptions.defaults());

        DiffResult diff = differ.diff(TRACKER, NS, List.of(deployment("web", "img:1", 1), service("web")), live,
                ApplyOptions.defaults());

        assertThat(diff.hasChanges()).isFalse();
        assertThat(diff.text()).isEqualTo("0 to add, 0 to change, 2 unchanged, 0 to remove\n");
    }

    @Test
    void secretValuesNeverAppearOnlyThatTheyChanged() {
        Inventory live = applier.apply(TRACKER, NS, List.of(secret("db", "hunter2-old", "same-user")),
                ApplyOptions.defaults());

        DiffResult diff = differ.diff(TRACKER, NS, List.of(secret("db", "s3cr3t-new", "same-user")), live,
                ApplyOptions.defaults());

        assertThat(diff.refs(Change.CHANGED)).extracting(ObjectRef::name).containsExactly("db");
        assertThat(diff.text()).contains("-  password: '****'").contains("+  password: '**** (changed)'")
                .doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("same-user")
                .doesNotContain(b64("hunter2-old")).doesNotContain(b64("s3cr3t-new")).doesNotContain(b64("same-user"));
    }

    private static HasMetadata secret(String name, String password, String user) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("password", b64(password)).addToData("user", b64(user)).build();
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
