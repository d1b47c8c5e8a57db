package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments a restart left in progress: kept when their run survived, reported when it finished, queued again when
 * no run exists (found by the end-to-end suite: a run queued less than a minute before Jenkins stopped was lost with
 * Jenkins' unsaved queue, and the deployment failed).
 */
class InterruptedReleasesTest {

    @TempDir
    Path dir;
    private ReleaseFixture fixture;
    private final PipelineReleaseExecutorTest.FakeJobs jobs = new PipelineReleaseExecutorTest.FakeJobs();
    private DeploymentRequest left;
    private final List<DeploymentRequest> executed = new ArrayList<>();
    private final ReleaseExecutor executor = executed::add;

    @BeforeEach
    void aDeploymentToDevIsInProgressAsTheControllerStarts() {
        fixture = new ReleaseFixture(dir, Clock.fixed(ReleaseFixture.T0, ZoneOffset.UTC));
        fixture.track(List.of(ReleaseFixture.release(1, "x: 1", ReleaseStatus.QUEUED, "dev")), Map.of());
        fixture.engine.reconcile(ReleaseFixture.TRACKER);
        left = fixture.engine.inProgress().get(0);
    }

    @Test
    void aDeploymentWhoseRunIsQueuedOrRunningIsLeftToThatRun() {
        jobs.runs.put(left.id(), new ReleaseJobs.RunState.Active());

        List<DeploymentId> failed = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed, executor);

        assertThat(failed).isEmpty();
        assertThat(fixture.engine.inProgress()).extracting(DeploymentRequest::id).containsExactly(left.id());
        assertThat(executed).as("never scheduled a second time").isEmpty();
    }

    @Test
    void aRunThatFinishedIsReportedWithItsOwnOutcome() {
        String url = "https://ci.example.com/job/fathomable-shop.payments-api/3/";
        jobs.runs.put(left.id(), new ReleaseJobs.RunState.Finished(
                RunOutcomes.of("SUCCESS", "fathomable-shop.payments-api #3", url)));

        List<DeploymentId> failed = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed, executor);

        assertThat(failed).isEmpty();
        assertThat(fixture.engine.inProgress()).as("deployed in dev, on to the next environment")
                .extracting(DeploymentRequest::environment).containsExactly("ha");
        assertThat(fixture.engine.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("deployed");
            assertThat(h.runUrl()).isEqualTo(url);
        });
        assertThat(executed).isEmpty();
    }

    @Test
    void aDeploymentWithoutAnyRunIsQueuedAgainOnceAndStaysInProgress() {
        List<DeploymentId> requeued = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed, executor);

        assertThat(requeued).containsExactly(left.id());
        assertThat(executed).as("the same deployment, handed to the executor once more").containsExactly(left);
        assertThat(fixture.engine.inProgress()).extracting(DeploymentRequest::id).containsExactly(left.id());
        assertThat(fixture.engine.history(ReleaseFixture.TRACKER)).noneSatisfy(h ->
                assertThat(h.action()).isEqualTo("failed"));
    }

    @Test
    void aLostDeploymentWhoseRunCannotBeQueuedAgainIsReportedFailedSoItCanBeRetried() {
        ReleaseExecutor shuttingDown = request -> {
            throw new IllegalStateException("Jenkins is shutting down");
        };

        List<DeploymentId> requeued = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed, shuttingDown);

        assertThat(requeued).isEmpty();
        assertThat(fixture.engine.inProgress()).isEmpty();
        assertThat(fixture.engine.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("failed");
            assertThat(h.environment()).isEqualTo("dev");
            assertThat(h.detail()).contains("Jenkins restarted").contains("Jenkins is shutting down");
        });
        assertThat(fixture.store.get(ReleaseFixture.TRACKER).orElseThrow().releases().release(1).orElseThrow()
                .status()).isEqualTo(ReleaseStatus.FAILED);
    }

    @Test
    void aDeploymentWhoseRunMayBeAmongOlderRunsIsReportedFailedNeverRunAgain() {
        jobs.runs.put(left.id(), new ReleaseJobs.RunState.NotFoundRecently(
                "no run of it among the 100 newest runs of job fathomable-shop.payments-api"));

        List<DeploymentId> requeued = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed, executor);

        assertThat(requeued).isEmpty();
        assertThat(executed).isEmpty();
        assertThat(fixture.engine.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("failed");
            assertThat(h.detail()).contains("retry the release").contains("100 newest runs");
        });
    }

    @Test
    void whenJenkinsCannotTellTheDeploymentStaysInProgress() {
        PipelineReleaseExecutorTest.FakeJobs broken = new PipelineReleaseExecutorTest.FakeJobs() {
            @Override
            public RunState runState(DeploymentId deployment) {
                throw new IllegalStateException("queue not loaded");
            }
        };

        List<DeploymentId> failed = InterruptedReleases.settle(fixture.engine.inProgress(), broken,
                fixture.engine::completed, executor);

        assertThat(failed).isEmpty();
        assertThat(fixture.engine.inProgress()).hasSize(1);
        assertThat(executed).as("not queued again while it may still run").isEmpty();
    }
}
