package io.jenkins.plugins.fathomable.core.deploy;

import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.configMap;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.deployment;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplierTest {

    private static final String NS = "shop-dev";
    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");

    private MockCluster cluster;
    private Applier applier;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        applier = new Applier(cluster.client);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private List<HasMetadata> release(String image, String... extraConfigMaps) {
        List<HasMetadata> objects = new java.util.ArrayList<>(List.of(
                deployment("payments-api", image, 2), service("payments-api"),
                configMap("payments-api-config", Map.of("LOG_LEVEL", "info"))));
        for (String name : extraConfigMaps) {
            objects.add(configMap(name, Map.of("k", "v")));
        }
        return objects;
    }

    @Test
    void firstApplyCreatesEveryObjectWithServerSideApplyUnderTheFathomableFieldManager() {
        Inventory inventory = applier.apply(TRACKER, NS, release("ghcr.io/acme/payments-api:1.4.2"),
                ApplyOptions.defaults());

        assertThat(inventory.objects()).extracting(ObjectRef::toString).containsExactly(
                "v1 ConfigMap shop-dev/payments-api-config",
                "v1 Service shop-dev/payments-api",
                "apps/v1 Deployment shop-dev/payments-api");
        Deployment live = cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/payments-api:1.4.2");
        assertThat(live.getMetadata().getLabels()).containsEntry(ApplyOptions.TRACKER_LABEL, "shop.payments-api");

        List<RecordedRequest> applies = cluster.dispatcher.applyRequests();
        assertThat(applies).hasSize(3);
        for (RecordedRequest request : applies) {
            assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
            assertThat(request.getPath()).contains("fieldManager=fathomable").doesNotContain("force=")
                    .doesNotContain("dryRun");
        }
        assertThat(applies.get(2).getPath()).startsWith("/apis/apps/v1/namespaces/shop-dev/deployments/payments-api?");
    }

    @Test
    void forceIsSentOnlyWhenConfigured() {
        applier.apply(TRACKER, NS, List.of(configMap("c", Map.of("a", "1"))), new ApplyOptions(true, false));

        assertThat(cluster.dispatcher.applyRequests()).singleElement()
                .satisfies(r -> assertThat(r.getPath()).contains("fieldManager=fathomable").contains("force=true"));
    }

    @Test
    void updateChangesTheLiveObjects() {
        applier.apply(TRACKER, NS, release("ghcr.io/acme/payments-api:1.4.2"), ApplyOptions.defaults());
        Inventory second = applier.apply(TRACKER, NS, List.of(
                deployment("payments-api", "ghcr.io/acme/payments-api:1.5.0", 3), service("payments-api"),
                configMap("payments-api-config", Map.of("LOG_LEVEL", "debug"))), ApplyOptions.defaults());

        Deployment live = cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/payments-api:1.5.0");
        assertThat(live.getSpec().getReplicas()).isEqualTo(3);
        assertThat(live.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("payments-api-config").get().getData())
                .containsEntry("LOG_LEVEL", "debug");
        assertThat(second.objects()).hasSize(3);
    }

    @Test
    void pruneDeletesWhatTheNewReleaseNoLongerRenders() {
        Inventory first = applier.apply(TRACKER, NS, release("img:1", "payments-api-legacy"), ApplyOptions.defaults());
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("payments-api-legacy").get()).isNotNull();

        ApplyResult second = applier.applyAndPrune(TRACKER, NS, release("img:2"), first, ApplyOptions.defaults());

        assertThat(second.prune().deleted()).extracting(ObjectRef::toString)
                .containsExactly("v1 ConfigMap shop-dev/payments-api-legacy");
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("payments-api-legacy").get()).isNull();
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get()).isNotNull();
        assertThat(second.inventory().contains(new ObjectRef("", "v1", "ConfigMap", NS, "payments-api-legacy")))
                .isFalse();
    }

    @Test
    void pruneLeavesObjectsWithoutThisTrackersLabelAlone() {
        Inventory first = applier.apply(TRACKER, NS, release("img:1", "shared-settings", "other-owned"),
                ApplyOptions.defaults());
        // Since the first release, someone took these over: one lost the label, one belongs to another tracker.
        cluster.client.configMaps().inNamespace(NS).withName("shared-settings")
                .edit(c -> { c.getMetadata().getLabels().remove(ApplyOptions.TRACKER_LABEL); return c; });
        cluster.client.configMaps().inNamespace(NS).withName("other-owned")
                .edit(c -> { c.getMetadata().getLabels().put(ApplyOptions.TRACKER_LABEL, "shop.cart"); return c; });
        // And an object no release of this tracker ever applied.
        cluster.client.configMaps().inNamespace(NS).resource(configMap("unrelated", Map.of("x", "y"))).create();

        ApplyResult second = applier.applyAndPrune(TRACKER, NS, release("img:2"), first, ApplyOptions.defaults());

        assertThat(second.prune().deleted()).isEmpty();
        assertThat(second.prune().leftAlone()).extracting(ObjectRef::name)
                .containsExactlyInAnyOrder("shared-settings", "other-owned");
        assertThat(cluster.client.configMaps().inNamespace(NS).list().getItems()).extracting(c -> c.getMetadata().getName())
                .contains("shared-settings", "other-owned", "unrelated");
        assertThat(cluster.dispatcher.requests()).noneMatch(r -> r.getMethod().equals("DELETE"));
    }

    @Test
    void rollbackReappliesTheEarlierReleaseAndPrunesWhatTheLaterOneAdded() {
        List<HasMetadata> v1 = release("ghcr.io/acme/payments-api:1.4.2");
        Inventory first = applier.apply(TRACKER, NS, v1, ApplyOptions.defaults());
        ApplyResult second = applier.applyAndPrune(TRACKER, NS, release("ghcr.io/acme/payments-api:1.5.0",
                "payments-api-feature-flags"), first, ApplyOptions.defaults());

        // The caller re-renders release 1 from its recorded inputs: fresh objects, equal to the first ones.
        ApplyResult back = applier.rollback(TRACKER, NS, release("ghcr.io/acme/payments-api:1.4.2"),
                second.inventory(), ApplyOptions.defaults());

        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/payments-api:1.4.2");
        assertThat(back.prune().deleted()).extracting(ObjectRef::name).containsExactly("payments-api-feature-flags");
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("payments-api-feature-flags").get()).isNull();
        assertThat(back.inventory()).isEqualTo(first);
    }

    @Test
    void createsTheNamespaceOnlyWhenAllowed() {
        applier.apply(TRACKER, NS, List.of(configMap("c", Map.of())), ApplyOptions.defaults());
        assertThat(cluster.client.namespaces().withName(NS).get()).isNull();

        applier.apply(TRACKER, NS, List.of(configMap("c", Map.of())), new ApplyOptions(false, true));

        assertThat(cluster.client.namespaces().withName(NS).get()).isNotNull();
        assertThat(cluster.dispatcher.applyRequests()).anySatisfy(r ->
                assertThat(r.getPath()).startsWith("/api/v1/namespaces/shop-dev?").contains("fieldManager=fathomable"));
    }

    @Test
    void badObjectsAreRefusedWithTheFieldNamedBeforeAnythingIsSent() {
        ConfigMap elsewhere = configMap("c", Map.of());
        elsewhere.getMetadata().setNamespace("kube-system");
        ConfigMap nameless = configMap(null, Map.of());

        assertThatThrownBy(() -> applier.apply(TRACKER, NS, List.of(configMap("ok", Map.of()), elsewhere, nameless),
                ApplyOptions.defaults()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("objects[1].metadata.namespace: is 'kube-system' but this environment deploys"
                        + " to namespace 'shop-dev'")
                .hasMessageContaining("objects[2].metadata.name: is required");
        assertThatThrownBy(() -> applier.apply(TRACKER, "Shop_Dev", List.of(), ApplyOptions.defaults()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("namespace: must be a DNS label");
        assertThat(cluster.dispatcher.requests()).isEmpty();
    }

    @Test
    void theCallersObjectsAreNotModified() {
        ConfigMap original = configMap("c", Map.of("a", "1"));

        applier.apply(TRACKER, NS, List.of(original), ApplyOptions.defaults());

        assertThat(original.getMetadata().getNamespace()).isNull();
        assertThat(original.getMetadata().getLabels()).isNullOrEmpty();
    }

    @Test
    void aRefusedObjectStopsTheApplyAndReportsWhatWasAppliedBefore() {
        cluster.dispatcher.conflictOn("payments-api", "kubectl-edit");

        assertThatThrownBy(() -> applier.apply(TRACKER, NS, release("img:1"), ApplyOptions.defaults()))
                .isInstanceOfSatisfying(ApplyException.class, e -> {
                    assertThat(e.getMessage()).startsWith("cannot apply v1 Service shop-dev/payments-api: HTTP 409:"
                            + " Apply failed with 1 conflict: conflict with \"kubectl-edit\": .spec.replicas")
                            .contains("turn on forceConflicts");
                    assertThat(e.applied().objects()).extracting(ObjectRef::toString)
                            .containsExactly("v1 ConfigMap shop-dev/payments-api-config");
                });
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("payments-api").get()).isNull();

        // With force configured, the same release goes through.
        assertThat(applier.apply(TRACKER, NS, release("img:1"), new ApplyOptions(true, false)).objects()).hasSize(3);
    }
}
