package io.jenkins.plugins.fathomable.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.jenkins.plugins.fathomable.core.deploy.ApplyOptions;
import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process executor: render to files, or apply to a (mock, CRUD-mode) cluster and wait until Ready. */
class LocalReleaseExecutorTest {

    private static final TrackerId TRACKER = TrackerId.parse("shop.report");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String COMMIT = "c0ffee".repeat(6) + "c0ff";

    @TempDir
    Path releases;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
    private final BlockingQueue<DeploymentOutcome> outcomes = new LinkedBlockingQueue<>();
    private final List<DeploymentId> reported = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private MockCluster cluster;

    @AfterEach
    void tearDown() {
        workers.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    private LocalReleaseExecutor executor(ClusterClients clusters, Duration readyTimeout) {
        return new LocalReleaseExecutor(releases, clusters, (id, outcome) -> {
            reported.add(id);
            outcomes.add(outcome);
            return true;
        }, workers, readyTimeout, clock, log::add);
    }

    private static String spec(String pattern, String extra) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: report\nspec:\n  pattern: " + pattern
                + "\n  image:\n    repository: registry.example.com/shop/report\n    tag: \"1.0\"\n" + extra;
    }

    private static DeploymentRequest request(String content) {
        return request(4, content);
    }

    private static DeploymentRequest request(int number, String content) {
        Release release = new Release(number, new ImageVersion("registry.example.com/shop/report", "1.0", DIGEST),
                new ConfigRevision(COMMIT, "b10b".repeat(10), content), Instant.parse("2026-03-01T09:00:00Z"),
                "image-updated", ReleaseStatus.DEPLOYING, "dev", Set.of(), null);
        return new DeploymentRequest(new DeploymentId(TRACKER, number + 3), TRACKER, "dev",
                new KubernetesTarget("test-cluster", "reports"), release, Deployment.Kind.PROMOTE);
    }

    private DeploymentOutcome next() throws InterruptedException {
        DeploymentOutcome outcome = outcomes.poll(60, TimeUnit.SECONDS);
        assertThat(outcome).as("an outcome is reported").isNotNull();
        return outcome;
    }

    @Test
    void withoutAClusterTheReleaseIsRenderedToItsFileWithTheImagePinned() throws Exception {
        LocalReleaseExecutor executor = executor(ClusterClients.none(), Duration.ofMinutes(1));
        DeploymentRequest request = request(spec("cron-job", "  schedule: \"30 2 * * *\"\n"));
        executor.execute(request);

        DeploymentOutcome outcome = next();
        Path file = releases.resolve("shop.report").resolve("dev").resolve("4.yaml");
        assertThat(executor.fileOf(request)).isEqualTo(file);
        assertThat(outcome).isEqualTo(DeploymentOutcome.ready(file.toUri().toString()));
        assertThat(Files.readString(file)).contains("kind: CronJob").contains("namespace: reports")
                .contains("image: registry.example.com/shop/report@" + DIGEST).contains(COMMIT);
        assertThat(reported).containsExactly(new DeploymentId(TRACKER, 7));
        assertThat(releases.resolve("shop.report").resolve("dev")).isDirectoryNotContaining("glob:**.tmp");
    }

    /** Issue 13, item 1: an Error (the probe's OutOfMemoryError) left the deployment DEPLOYING for ever. */
    @Test
    void anErrorDuringTheDeploymentIsReportedAsAFailureNotLeftInProgress() throws Exception {
        LocalReleaseExecutor executor = executor(target -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        }, Duration.ofMinutes(1));
        executor.execute(request(spec("cron-job", "  schedule: \"30 2 * * *\"\n")));

        assertThat(next()).isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> assertThat(f.reason())
                .isEqualTo("deployment failed: OutOfMemoryError: Java heap space (simulated)"));
    }

    /** Issue 13, item 1: the probe's amplified file, recorded before the limit existed, fails to render, quickly. */
    @Test
    void anAmplifiedReleaseFailsToRenderInsteadOfExhaustingMemory() throws Exception {
        StringBuilder extra = new StringBuilder("  schedule: \"30 2 * * *\"\n  command: [&big \"")
                .append("x".repeat(100_000)).append("\"]\n  args:\n");
        extra.append("    - *big\n".repeat(5_000));
        LocalReleaseExecutor executor = executor(ClusterClients.none(), Duration.ofMinutes(1));
        executor.execute(request(spec("cron-job", extra.toString())));

        assertThat(next()).isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> assertThat(f.reason())
                .startsWith("release 4 does not render: document: is refused: once its aliases are expanded"));
    }

    @Test
    void withAClusterTheObjectsAreAppliedAndTheOutcomeWaitsForReadiness() throws Exception {
        cluster = MockCluster.start();
        LocalReleaseExecutor executor = executor(target -> target.cluster().equals("test-cluster")
                ? Optional.of(cluster.client) : Optional.empty(), Duration.ofMinutes(1));
        executor.execute(request(spec("cron-job", "  schedule: \"30 2 * * *\"\n")));

        assertThat(next()).isInstanceOf(DeploymentOutcome.Ready.class);
        var cronJob = cluster.client.batch().v1().cronjobs().inNamespace("reports").withName("report").get();
        assertThat(cronJob).as("applied to the environment's namespace").isNotNull();
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/shop/report@" + DIGEST);
        assertThat(releases.resolve("shop.report/dev/4.yaml")).as("what was applied is kept").exists();
        assertThat(log).anyMatch(l -> l.contains("applied") && l.contains("test-cluster/reports"));
    }

    @Test
    void objectsThatNeverBecomeReadyFailTheDeploymentWithTheReason() throws Exception {
        cluster = MockCluster.start();
        // No controller runs in the mock: the Deployment never reports ready replicas. The clock does not move and
        // the timeout is zero, so the first progressing answer ends the wait.
        LocalReleaseExecutor executor = executor(target -> Optional.of(cluster.client), Duration.ZERO);
        executor.execute(request(spec("worker", "")));

        DeploymentOutcome outcome = next();
        assertThat(outcome).isInstanceOfSatisfying(DeploymentOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("not ready: ").contains("Deployment report"));
        assertThat(cluster.client.apps().deployments().inNamespace("reports").withName("report").get()).isNotNull();
    }

    @Test
    void aReleaseWhoseConfigDoesNotRenderFailsAndWritesNothing() throws Exception {
        LocalReleaseExecutor executor = executor(ClusterClients.none(), Duration.ofMinutes(1));
        executor.execute(request(spec("cron-job", ""))); // a cron-job needs a schedule

        assertThat(next()).isInstanceOfSatisfying(DeploymentOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("release 4 does not render: ").contains("schedule"));
        assertThat(releases.resolve("shop.report")).doesNotExist();
    }

    /** A cron-job (Ready as soon as it exists) mounting one ConfigMap per named config, whose name hashes its file. */
    private static String cronJobWithConfigs(String... configs) {
        StringBuilder extra = new StringBuilder("  schedule: \"30 2 * * *\"\n  configFiles:\n");
        for (String config : configs) {
            String[] nameAndContent = config.split("=", 2);
            extra.append("    - name: ").append(nameAndContent[0]).append("\n      mountPath: /etc/")
                    .append(nameAndContent[0]).append("\n      files:\n        app.properties: \"")
                    .append(nameAndContent[1]).append("\"\n");
        }
        return spec("cron-job", extra.toString());
    }

    private List<String> configMapNames() {
        return cluster.client.configMaps().inNamespace("reports").list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    @Test
    void aReadyReleasePrunesWhatItNoLongerRendersAndLeavesForeignObjectsAlone() throws Exception {
        cluster = MockCluster.start();
        cluster.client.configMaps().inNamespace("reports").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("someone-elses").endMetadata().addToData("k", "v").build()).create();
        LocalReleaseExecutor executor = executor(target -> Optional.of(cluster.client), Duration.ofMinutes(1));
        executor.execute(request(4, cronJobWithConfigs("app=mode=a", "extra=x=1", "handover=h=1")));
        assertThat(next()).isInstanceOf(DeploymentOutcome.Ready.class);
        List<String> first = configMapNames();
        assertThat(first).hasSize(4).contains("someone-elses");
        String firstApp = first.stream().filter(n -> n.startsWith("report-app-")).findFirst().orElseThrow();
        String handover = first.stream().filter(n -> n.startsWith("report-handover-")).findFirst().orElseThrow();
        // Another team takes this one over: it no longer carries the tracker label, so it is not ours to delete.
        cluster.client.configMaps().inNamespace("reports").withName(handover).edit(c -> {
            c.getMetadata().getLabels().remove(ApplyOptions.TRACKER_LABEL);
            return c;
        });

        executor.execute(request(5, cronJobWithConfigs("app=mode=b")));
        assertThat(next()).isInstanceOf(DeploymentOutcome.Ready.class);

        List<String> second = configMapNames();
        assertThat(second).as("old config and the dropped 'extra' pruned; foreign and handed-over kept")
                .hasSize(3).contains("someone-elses", handover).doesNotContain(firstApp)
                .noneMatch(n -> n.startsWith("report-extra-"));
        assertThat(second).filteredOn(n -> n.startsWith("report-app-")).hasSize(1);
        assertThat(cluster.client.batch().v1().cronjobs().inNamespace("reports").withName("report").get())
                .isNotNull();
        assertThat(Files.readString(releases.resolve("shop.report/dev/inventory.tsv")))
                .as("only what release 5 applied stays recorded").contains("CronJob").doesNotContain(firstApp)
                .doesNotContain(handover).doesNotContain("someone-elses");
        assertThat(log).anyMatch(l -> l.contains("pruned") && l.contains(firstApp))
                .anyMatch(l -> l.contains("left alone") && l.contains(handover));
    }

    @Test
    void aReleaseThatIsNotReadyPrunesNothingAndTheNextReadyOneStillDoes() throws Exception {
        cluster = MockCluster.start();
        LocalReleaseExecutor executor = executor(target -> Optional.of(cluster.client), Duration.ofMinutes(1));
        executor.execute(request(4, cronJobWithConfigs("app=mode=a")));
        assertThat(next()).isInstanceOf(DeploymentOutcome.Ready.class);
        List<String> first = configMapNames();

        // A worker's Deployment never becomes Ready in the mock; with a zero timeout the wait ends at once.
        LocalReleaseExecutor impatient = executor(target -> Optional.of(cluster.client), Duration.ZERO);
        impatient.execute(request(5, spec("worker", "  configFiles:\n    - name: app\n      mountPath: /etc/app\n"
                + "      files:\n        app.properties: \"mode=b\"\n")));
        assertThat(next()).isInstanceOf(DeploymentOutcome.Failed.class);
        List<String> afterFailure = configMapNames();
        assertThat(afterFailure).as("nothing pruned while the new release is not ready").containsAll(first)
                .hasSize(2);

        executor.execute(request(6, cronJobWithConfigs("app=mode=c")));
        assertThat(next()).isInstanceOf(DeploymentOutcome.Ready.class);
        assertThat(configMapNames()).as("both earlier configs pruned, the failed release's one too").hasSize(1)
                .doesNotContainAnyElementsOf(afterFailure);
        assertThat(cluster.client.apps().deployments().inNamespace("reports").withName("report").get())
                .as("the failed release's Deployment is pruned once a later release is ready").isNull();
    }
}
