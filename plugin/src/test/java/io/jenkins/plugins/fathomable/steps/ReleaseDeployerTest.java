package io.jenkins.plugins.fathomable.steps;

import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.T0;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.TRACKER;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.example;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.jenkins.plugins.fathomable.core.deploy.ApplyOptions;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.testing.ManualDelays;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applies rendered releases to fabric8's mock API server (CRUD mode) and waits for readiness. */
class ReleaseDeployerTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    /** web-service.yaml without its Ingress: release 2 drops an object release 1 had. */
    private static final String WITHOUT_INGRESS = example("web-service.yaml")
            .replaceAll("(?s)\n  ingress:\n.*?className: nginx", "");

    @TempDir
    Path dir;
    private ReleaseFixture fixture;
    private MockCluster cluster;
    private ScheduledExecutorService scheduler;
    private ReleaseDeployer deployer;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicReference<Inventory> applied = new AtomicReference<>();
    /** Plays the Deployment controller when the apply is done, before the first readiness look. */
    private volatile boolean rollOutWhenApplied = true;

    @BeforeEach
    void start() {
        fixture = new ReleaseFixture(dir, CLOCK);
        cluster = MockCluster.start();
        fixture.clusters = target -> cluster.newClient();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        deployer = new ReleaseDeployer(fixture, scheduler, CLOCK);
        fixture.track(List.of(release(1, example("web-service.yaml"), ReleaseStatus.QUEUED, "ha"),
                release(2, WITHOUT_INGRESS, ReleaseStatus.DEPLOYING, "dev")), Map.of("dev", 1));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        cluster.close();
    }

    private final ReleaseDeployer.Progress progress = new ReleaseDeployer.Progress() {
        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public void applied(Inventory inventory) {
            applied.set(inventory);
            if (rollOutWhenApplied) {
                cluster.rolledOut(inventory.objects().get(0).namespace(), "payments-api");
            }
        }
    };

    private DeployResult deploy(int release, String env, Duration timeout) throws Exception {
        return deployer.deploy(new ReleaseCoordinates(TRACKER, env, release), T0.plus(timeout), progress)
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void appliesEveryObjectWithServerSideApplyThenIsReadyOnceTheDeploymentRolledOut() throws Exception {
        DeployResult result = deploy(1, "ha", Duration.ofMinutes(10));

        assertThat(result.ready()).as(result.reason()).isTrue();
        assertThat(result.applied()).isEqualTo(applied.get());
        assertThat(result.applied().objects()).extracting(ObjectRef::kind).contains("Deployment", "Service", "Ingress");
        assertThat(cluster.applyPaths()).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("fieldManager=" + ApplyOptions.FIELD_MANAGER));
        Deployment live = cluster.client.apps().deployments().inNamespace("shop-ha").withName("payments-api").get();
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/acme/payments-api@sha256:" + "0".repeat(63) + "1");
        assertThat(live.getMetadata().getLabels()).containsEntry(ApplyOptions.TRACKER_LABEL, TRACKER.toString());
        assertThat(log).anyMatch(l -> l.startsWith("Applying release 1 of shop.payments-api in ha: "))
                .anyMatch(l -> l.contains("applied apps/v1 Deployment shop-ha/payments-api"));
    }

    @Test
    void prunesWhatTheReleaseItReplacesHadAndItNoLongerRenders() throws Exception {
        assertThat(deploy(1, "dev", Duration.ofMinutes(10)).ready()).isTrue();
        assertThat(cluster.client.network().v1().ingresses().inNamespace("shop-dev").withName("payments-api").get())
                .isNotNull();

        DeployResult second = deploy(2, "dev", Duration.ofMinutes(10));

        assertThat(second.ready()).as(second.reason()).isTrue();
        assertThat(cluster.client.network().v1().ingresses().inNamespace("shop-dev").withName("payments-api").get())
                .as("release 1's Ingress, which release 2 no longer renders").isNull();
        assertThat(log).anyMatch(l -> l.contains("replacing release 1"))
                .anyMatch(l -> l.contains("pruned networking.k8s.io/v1 Ingress shop-dev/payments-api"));
    }

    @Test
    void notReadyByTheDeadlineFailsWithTheLastReason() throws Exception {
        rollOutWhenApplied = false;

        DeployResult result = deploy(1, "ha", Duration.ZERO);

        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).startsWith("not ready after").contains("Deployment payments-api");
        assertThat(result.applied().objects()).isNotEmpty();
    }

    @Test
    void afterARestartItOnlyWaitsForWhatWasAppliedAndAppliesNothing() throws Exception {
        rollOutWhenApplied = false;
        Inventory before = deploy(1, "ha", Duration.ZERO).applied();
        int applies = cluster.applyPaths().size();
        Inventory saved = AppliedObjects.decode(AppliedObjects.encode(before));
        cluster.rolledOut("shop-ha", "payments-api");

        DeployResult resumed = deployer.awaitReady(new ReleaseCoordinates(TRACKER, "ha", 1), saved,
                T0.plus(Duration.ofMinutes(5)), progress).get(30, TimeUnit.SECONDS);

        assertThat(resumed.ready()).as(resumed.reason()).isTrue();
        assertThat(cluster.applyPaths()).hasSize(applies);
    }

    @Test
    void aReleaseThatDoesNotRenderFailsBeforeTouchingTheCluster() throws Exception {
        DeployResult result = deploy(9, "dev", Duration.ofMinutes(1));

        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).isEqualTo("cannot render release 9 of shop.payments-api in dev: release: tracker "
                + "shop.payments-api has no release 9 (it keeps [1, 2])");
        assertThat(cluster.applyPaths()).isEmpty();
    }

    @Test
    void anUnreachableClusterFailsWithTheReason() throws Exception {
        fixture.clusters = target -> {
            throw new IllegalStateException("no credentials 'kube-token' for cluster " + target.cluster());
        };

        DeployResult result = deploy(1, "ha", Duration.ofMinutes(1));

        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).isEqualTo("cannot apply release 1 of shop.payments-api in ha: no credentials "
                + "'kube-token' for cluster default");
    }

    @Test
    void whileNotReadyItLooksAgainAfterTheBackOffAndCancellingStopsTheLooks() throws Exception {
        rollOutWhenApplied = false;
        scheduler.shutdownNow();
        ManualDelays delays = new ManualDelays();
        scheduler = delays;
        deployer = new ReleaseDeployer(fixture, delays, CLOCK);
        java.util.concurrent.CountDownLatch firstLook = new java.util.concurrent.CountDownLatch(1);
        ReleaseDeployer.Progress watching = countingDownOnFirstLook(firstLook);
        var future = deployer.deploy(new ReleaseCoordinates(TRACKER, "ha", 1), T0.plus(Duration.ofHours(1)), watching);
        assertThat(firstLook.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(delays.awaitDelayed(30)).as("the next look is scheduled").isTrue();

        int before = cluster.requestCount();
        assertThat(delays.runDelayed()).as("the next look waits for its back-off").isEqualTo(1);
        assertThat(cluster.requestCount()).as("the second look read the cluster").isGreaterThan(before);
        assertThat(future).isNotDone();

        future.cancel(false);
        int afterCancel = cluster.requestCount();
        delays.runDelayed();

        assertThat(future).isCancelled();
        assertThat(cluster.requestCount()).as("no look after cancelling").isEqualTo(afterCancel);
    }

    /** Found by the end-to-end suite: a look during Jenkins' shutdown met the plugin's closing class loader. */
    @Test
    void onceJenkinsStopsTheWaitNeitherLooksNorEndsSoTheResumedStepTakesItUp() throws Exception {
        rollOutWhenApplied = false;
        scheduler.shutdownNow();
        ManualDelays delays = new ManualDelays();
        scheduler = delays;
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        deployer = new ReleaseDeployer(fixture, delays, CLOCK, stopping::get);
        java.util.concurrent.CountDownLatch firstLook = new java.util.concurrent.CountDownLatch(1);
        ReleaseDeployer.Progress watching = countingDownOnFirstLook(firstLook);
        var future = deployer.deploy(new ReleaseCoordinates(TRACKER, "ha", 1), T0.plus(Duration.ofHours(1)), watching);
        assertThat(firstLook.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(delays.awaitDelayed(30)).as("the next look is scheduled").isTrue();

        stopping.set(true);
        int before = cluster.requestCount();
        assertThat(delays.runDelayed()).isEqualTo(1);

        assertThat(cluster.requestCount()).as("no look while Jenkins stops").isEqualTo(before);
        assertThat(future).as("no outcome: the step resumes the wait after the restart").isNotDone();
        assertThat(delays.runDelayed()).as("nothing scheduled again").isZero();
    }

    /** The test's progress, also counting down {@code firstLook} when the first look found the release not ready. */
    private ReleaseDeployer.Progress countingDownOnFirstLook(java.util.concurrent.CountDownLatch firstLook) {
        return new ReleaseDeployer.Progress() {
            @Override
            public void log(String line) {
                progress.log(line);
                if (line.startsWith("Not ready yet")) {
                    firstLook.countDown();
                }
            }

            @Override
            public void applied(Inventory inventory) {
                progress.applied(inventory);
            }
        };
    }
}
