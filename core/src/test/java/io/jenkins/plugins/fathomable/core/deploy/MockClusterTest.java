package io.jenkins.plugins.fathomable.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The mock cluster's Deployment controller, which the end-to-end suite relies on to see releases become ready. */
class MockClusterTest {

    @Test
    void theControllerRollsOutEachNewGenerationOfAllowedDeploymentsOnly() throws Exception {
        Set<String> held = ConcurrentHashMap.newKeySet();
        held.add("shop-prod");
        try (MockCluster cluster = MockCluster.start()) {
            cluster.rollOutContinuously(Duration.ofMillis(50), d -> !held.contains(d.getMetadata().getNamespace()));
            create(cluster, "shop-dev", 2);
            create(cluster, "shop-prod", 3);

            awaitRolledOut(cluster, "shop-dev", 2);
            Deployment prod = cluster.client.apps().deployments().inNamespace("shop-prod").withName("api").get();
            assertThat(prod.getStatus() == null || prod.getStatus().getReadyReplicas() == null).as("held back").isTrue();

            held.clear();
            awaitRolledOut(cluster, "shop-prod", 3);
            cluster.client.apps().deployments().inNamespace("shop-dev").withName("api").scale(4);
            awaitRolledOut(cluster, "shop-dev", 4);
            assertThat(cluster.url()).startsWith("http://127.0.0.1:");
            assertThat(cluster.requests()).anySatisfy(r -> assertThat(r.inNamespace("shop-dev")).isTrue());
            assertThat(cluster.requestsFromOthers()).as("the test's own requests").isEmpty();
        }
    }

    private static void create(MockCluster cluster, String namespace, int replicas) {
        cluster.client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("api").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("x").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
    }

    private static void awaitRolledOut(MockCluster cluster, String namespace, int replicas) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Deployment d = cluster.client.apps().deployments().inNamespace(namespace).withName("api").get();
            if (d.getStatus() != null && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                    && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(namespace + " not rolled out to " + replicas);
    }
}
