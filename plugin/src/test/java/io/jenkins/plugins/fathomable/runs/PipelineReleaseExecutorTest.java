package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineReleaseExecutorTest {

    /** Records what the executor asks of Jenkins; refuses on request. */
    static class FakeJobs implements ReleaseJobs {
        final Map<String, String> scripts = new java.util.LinkedHashMap<>();
        final List<ReleaseRun> scheduled = new ArrayList<>();
        /** Deployments whose run is queued or building, or finished; none for any other. */
        final Map<DeploymentId, RunState> runs = new java.util.HashMap<>();
        boolean queueRefuses;
        IOException ensureFails;

        @Override
        public void ensure(String name, String script, String description) throws IOException {
            if (ensureFails != null) {
                throw ensureFails;
            }
            scripts.put(name, script);
        }

        @Override
        public boolean schedule(String name, ReleaseRun run) {
            if (queueRefuses) {
                return false;
            }
            scheduled.add(run);
            return true;
        }

        @Override
        public RunState runState(DeploymentId deployment) {
            return runs.getOrDefault(deployment, new RunState.None());
        }
    }

    @TempDir
    Path dir;
    private final FakeJobs jobs = new FakeJobs();
    private final AtomicReference<String> template = new AtomicReference<>(PipelineTemplate.DEFAULT);
    private final List<Runnable> background = new ArrayList<>();
    private ReleaseEngine engine;
    private FileTrackerStore store;

    @BeforeEach
    void engineWithAPipelineExecutor() {
        store = new FileTrackerStore(dir);
        AtomicReference<ReleaseEngine> late = new AtomicReference<>();
        PipelineReleaseExecutor executor = new PipelineReleaseExecutor(jobs, template::get, background::add,
                (id, outcome) -> late.get().completed(id, outcome));
        engine = new ReleaseEngine(store, ReleaseFixture.FLOW, executor,
                Clock.fixed(ReleaseFixture.T0, ZoneOffset.UTC));
        late.set(engine);
    }

    private void queueReleaseOneForDev() {
        store.create(ReleaseFixture.record(List.of(ReleaseFixture.release(1, "x: 1", ReleaseStatus.QUEUED, "dev")),
                Map.of()));
    }

    private void runBackground() {
        List<Runnable> tasks = new ArrayList<>(background);
        background.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void aDueReleaseCreatesTheTrackersJobFromTheTemplateAndQueuesOneRunForIt() {
        queueReleaseOneForDev();

        engine.reconcile(ReleaseFixture.TRACKER);
        assertThat(jobs.scheduled).as("nothing happens on the engine's thread").isEmpty();
        runBackground();

        assertThat(jobs.scripts).containsOnlyKeys("fathomable-shop.payments-api");
        assertThat(jobs.scripts.get("fathomable-shop.payments-api"))
                .isEqualTo(PipelineTemplate.render(PipelineTemplate.DEFAULT, ReleaseFixture.TRACKER));
        assertThat(jobs.scheduled).singleElement().satisfies(run -> {
            assertThat(run.tracker()).isEqualTo(ReleaseFixture.TRACKER);
            assertThat(run.environment()).isEqualTo("dev");
            assertThat(run.release()).isEqualTo(1);
            assertThat(run.kind()).isEqualTo(Deployment.Kind.PROMOTE);
        });
        assertThat(engine.status(ReleaseFixture.TRACKER).toString()).contains("DEPLOYING");
    }

    @Test
    void theRunsOutcomeWithItsUrlReachesTheTrackersHistory() {
        queueReleaseOneForDev();
        engine.reconcile(ReleaseFixture.TRACKER);
        runBackground();
        ReleaseRun run = jobs.scheduled.get(0);
        String url = RunOutcomes.runUrl("https://ci.example.com/", "job/fathomable-shop.payments-api/1/");

        boolean taken = engine.completed(new ReleaseCause(run).run().deployment(),
                RunOutcomes.of("SUCCESS", "fathomable-shop.payments-api #1", url));

        assertThat(taken).isTrue();
        HistoryEntry deployed = engine.history(ReleaseFixture.TRACKER).stream()
                .filter(h -> h.action().equals("deployed")).findFirst().orElseThrow();
        assertThat(deployed.environment()).isEqualTo("dev");
        assertThat(deployed.runUrl()).isEqualTo("https://ci.example.com/job/fathomable-shop.payments-api/1/");
        assertThat(store.get(ReleaseFixture.TRACKER).orElseThrow().releases().environment("dev").lastRunUrl())
                .isEqualTo(url);
        runBackground();
        assertThat(jobs.scheduled).as("ha is next").hasSize(2).last()
                .satisfies(next -> assertThat(next.environment()).isEqualTo("ha"));
    }

    @Test
    void aRunJenkinsWillNotQueueFailsTheDeploymentWithAReason() {
        jobs.queueRefuses = true;
        queueReleaseOneForDev();

        engine.reconcile(ReleaseFixture.TRACKER);
        runBackground();

        HistoryEntry failed = engine.history(ReleaseFixture.TRACKER).stream()
                .filter(h -> h.action().equals("failed")).findFirst().orElseThrow();
        assertThat(failed.detail()).contains("did not queue a run of job fathomable-shop.payments-api");
        assertThat(store.get(ReleaseFixture.TRACKER).orElseThrow().releases().release(1).orElseThrow().status())
                .isEqualTo(ReleaseStatus.FAILED);
    }

    @Test
    void aJobThatCannotBeSavedFailsTheDeploymentWithTheCause() {
        jobs.ensureFails = new IOException("disk full");
        queueReleaseOneForDev();

        engine.reconcile(ReleaseFixture.TRACKER);
        runBackground();

        assertThat(engine.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("failed");
            assertThat(h.detail()).contains("cannot start a run of job fathomable-shop.payments-api: disk full");
        });
        assertThat(jobs.scheduled).isEmpty();
    }

    @Test
    void aBrokenTemplateIsRefusedBeforeAnythingIsCreated() {
        PipelineReleaseExecutor executor = new PipelineReleaseExecutor(jobs, () -> "{{nope}}", background::add,
                (id, outcome) -> { });
        DeploymentRequest request = new DeploymentRequest(new DeploymentId(ReleaseFixture.TRACKER, 1),
                ReleaseFixture.TRACKER, "dev", ReleaseFixture.FLOW.first().target(),
                ReleaseFixture.release(1, "x: 1", ReleaseStatus.DEPLOYING, "dev"), Deployment.Kind.PROMOTE);

        assertThatThrownBy(() -> executor.execute(request)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("{{nope}}");
        assertThat(background).isEmpty();
    }

    @Test
    void aChangedTemplateIsUsedForTheNextRelease() {
        List<DeploymentOutcome> outcomes = new ArrayList<>();
        PipelineReleaseExecutor executor = new PipelineReleaseExecutor(jobs, template::get, Runnable::run,
                (id, outcome) -> outcomes.add(outcome));
        DeploymentRequest request = new DeploymentRequest(new DeploymentId(ReleaseFixture.TRACKER, 1),
                ReleaseFixture.TRACKER, "dev", ReleaseFixture.FLOW.first().target(),
                ReleaseFixture.release(1, "x: 1", ReleaseStatus.DEPLOYING, "dev"), Deployment.Kind.PROMOTE);

        executor.execute(request);
        template.set("stage('deploy') { fathomableRelease(tracker: {{tracker}}) }");
        executor.execute(request);

        assertThat(jobs.scripts.get("fathomable-shop.payments-api"))
                .isEqualTo("stage('deploy') { fathomableRelease(tracker: 'shop.payments-api') }");
        assertThat(jobs.scheduled).hasSize(2);
        assertThat(outcomes).isEmpty();
    }
}
