package io.jenkins.plugins.fathomable.core.deploy;

import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.configMap;
import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessCheckerTest {

    private static final String NS = "shop-dev";
    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");

    private MockCluster cluster;
    private Applier applier;
    private ReadinessChecker checker;
    private RolloutStatus status;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        applier = new Applier(cluster.client);
        checker = new ReadinessChecker(cluster.client);
        status = new RolloutStatus(cluster.client, NS);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Inventory apply(HasMetadata... objects) {
        return applier.apply(TRACKER, NS, List.of(objects), ApplyOptions.defaults());
    }

    @Test
    void readyWhenTheNewGenerationIsObservedAndAllReplicasAreUpdatedAndReady() {
        Inventory inventory = apply(deployment("web", "img:1", 2), configMap("web-config", Map.of("a", "b")),
                new CronJobBuilder().withNewMetadata().withName("nightly").endMetadata()
                        .withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate().withNewSpec().withNewTemplate()
                        .withNewSpec().addNewContainer().withName("job").withImage("img:1").endContainer()
                        .withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().endJobTemplate().endSpec()
                        .build());
        status.deployment("web", 2, 2);

        assertThat(checker.check(NS, inventory)).isEqualTo(Readiness.ready());
    }

    @Test
    void progressingWhileReplicasAreNotReadyWithThePodsWaitingReason() {
        Inventory inventory = apply(deployment("web", "ghcr.io/acme/web:9.9.9", 2));
        status.deployment("web", 2, 0);
        status.waitingPod("web-7d9c-abcde", "web", "ImagePullBackOff",
                "Back-off pulling image \"ghcr.io/acme/web:9.9.9\"");
        status.waitingPod("unrelated-1", "other", "CrashLoopBackOff", "back-off 5m0s");

        Readiness readiness = checker.check(NS, inventory);

        assertThat(readiness.state()).isEqualTo(Readiness.State.PROGRESSING);
        assertThat(readiness.reason())
                .contains("Deployment web: 0/2 replicas ready, 2/2 updated")
                .contains("pod web-7d9c-abcde container app: ImagePullBackOff - Back-off pulling image")
                .doesNotContain("CrashLoopBackOff");
    }

    @Test
    void progressingUntilTheControllerObservesTheAppliedGeneration() {
        Inventory first = apply(deployment("web", "img:1", 1));
        status.deployment("web", 1, 1);
        assertThat(checker.check(NS, first).state()).isEqualTo(Readiness.State.READY);

        Inventory second = apply(deployment("web", "img:2", 1));
        status.deploymentObservedGeneration("web", 1);

        assertThat(checker.check(NS, second)).isEqualTo(
                Readiness.progressing("Deployment web: controller has not observed generation 2 yet"));
    }

    @Test
    void failedWhenTheDeploymentExceededItsProgressDeadline() {
        Inventory inventory = apply(deployment("web", "img:1", 1));
        status.deployment("web", 1, 0);
        status.progressDeadlineExceeded("web");
        status.waitingPod("web-1", "web", "ErrImagePull", "manifest unknown");

        Readiness readiness = checker.check(NS, inventory);

        assertThat(readiness.state()).isEqualTo(Readiness.State.FAILED);
        assertThat(readiness.reason()).contains("has timed out progressing").contains("ErrImagePull - manifest unknown");
    }

    @Test
    void statefulSetsAreCheckedLikeDeployments() {
        Inventory inventory = apply(new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("db")
                .withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
                .endTemplate().endSpec().build());
        setStatefulSet(2);
        assertThat(checker.check(NS, inventory).reason()).startsWith("StatefulSet db: 2/3 replicas ready, 3/3 updated");

        setStatefulSet(3);
        assertThat(checker.check(NS, inventory)).isEqualTo(Readiness.ready());
    }

    private void setStatefulSet(int ready) {
        cluster.client.apps().statefulSets().inNamespace(NS).withName("db").editStatus(s -> {
            s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(s.getMetadata().getGeneration())
                    .withReplicas(3).withUpdatedReplicas(3).withReadyReplicas(ready).build());
            return s;
        });
    }

    @Test
    void progressingWhileAnObjectIsMissing() {
        Inventory inventory = apply(configMap("c", Map.of()));
        cluster.client.configMaps().inNamespace(NS).withName("c").delete();

        assertThat(checker.check(NS, inventory))
                .isEqualTo(Readiness.progressing("v1 ConfigMap shop-dev/c does not exist (yet)"));
    }
}
