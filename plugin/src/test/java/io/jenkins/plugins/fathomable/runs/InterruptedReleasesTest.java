package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deployments a restart left in progress: kept when their run survived, failed with a reason when it did not. */
class InterruptedReleasesTest {

    @TempDir
    Path dir;
    private ReleaseFixture fixture;
    private final PipelineReleaseExecutorTest.FakeJobs jobs = new PipelineReleaseExecutorTest.FakeJobs();
    private DeploymentRequest left;

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
                fixture.engine::completed);

        assertThat(failed).isEmpty();
        assertThat(fixture.engine.inProgress()).extracting(DeploymentRequest::id).containsExactly(left.id());
        assertThat(jobs.scheduled).as("never scheduled a second time").isEmpty();
    }

    @Test
    void aRunThatFinishedIsReportedWithItsOwnOutcome() {
        String url = "https://ci.example.com/job/fathomable-shop.payments-api/3/";
        jobs.runs.put(left.id(), new ReleaseJobs.RunState.Finished(
                RunOutcomes.of("SUCCESS", "fathomable-shop.payments-api #3", url)));

        List<DeploymentId> failed = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed);

        assertThat(failed).isEmpty();
        assertThat(fixture.engine.inProgress()).as("deployed in dev, on to the next environment")
                .extracting(DeploymentRequest::environment).containsExactly("ha");
        assertThat(fixture.engine.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("deployed");
            assertThat(h.runUrl()).isEqualTo(url);
        });
        assertThat(jobs.scheduled).isEmpty();
    }

    @Test
    void aDeploymentWithoutARunIsReportedFailedSoItCanBeRetried() {
        List<DeploymentId> failed = InterruptedReleases.settle(fixture.engine.inProgress(), jobs,
                fixture.engine::completed);

        assertThat(failed).containsExactly(left.id());
        assertThat(fixture.engine.inProgress()).isEmpty();
        assertThat(fixture.engine.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("failed");
            assertThat(h.environment()).isEqualTo("dev");
            assertThat(h.detail()).contains("Jenkins restarted").contains("retry the release");
        });
        assertThat(fixture.store.get(ReleaseFixture.TRACKER).orElseThrow().releases().release(1).orElseThrow()
                .status()).isEqualTo(ReleaseStatus.FAILED);
        assertThat(jobs.scheduled).isEmpty();
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
                fixture.engine::completed);

        assertThat(failed).isEmpty();
        assertThat(fixture.engine.inProgress()).hasSize(1);
    }
}
