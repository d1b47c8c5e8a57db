package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.runs.PipelineReleaseExecutor;
import io.jenkins.plugins.fathomable.runs.PipelineTemplate;
import io.jenkins.plugins.fathomable.runs.ReleaseJobs;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link FathomableEngine} runs deployments and settles the ones a restart left in progress. */
class FathomableEngineWiringTest {

    /** Jenkins' jobs and queue: records schedules; the queue can refuse. */
    private static final class Jobs implements ReleaseJobs {
        final List<ReleaseRun> scheduled = new ArrayList<>();
        final Set<DeploymentId> queued = new HashSet<>();
        final List<String> scripts = new ArrayList<>();
        boolean refuse;

        @Override
        public void ensure(String name, String script, String description) {
            scripts.add(script);
        }

        @Override
        public boolean schedule(String name, ReleaseRun run) {
            if (!refuse) {
                scheduled.add(run);
                queued.add(run.deployment());
            }
            return !refuse;
        }

        @Override
        public RunState runState(DeploymentId deployment) {
            return queued.contains(deployment) ? new RunState.Active() : new RunState.None();
        }
    }

    @TempDir
    Path dir;
    private final Jobs jobs = new Jobs();
    private final List<Runnable> timer = new ArrayList<>();

    private void runTimer() {
        List<Runnable> tasks = new ArrayList<>(timer);
        timer.clear();
        tasks.forEach(Runnable::run);
    }

    /** An engine over {@code store} whose executor is the one FathomableEngine builds; current engine in {@code ref}. */
    private ReleaseEngine engine(FileTrackerStore store, AtomicReference<ReleaseEngine> ref, String template) {
        ReleaseExecutor executor = FathomableEngine.releaseExecutor(jobs, () -> template, timer::add, ref::get);
        assertThat(executor).isInstanceOf(PipelineReleaseExecutor.class);
        ReleaseEngine engine = new ReleaseEngine(store, ReleaseFixture.FLOW, executor,
                Clock.fixed(ReleaseFixture.T0, ZoneOffset.UTC));
        ref.set(engine);
        return engine;
    }

    @Test
    void deploymentsBecomeRunsOfTheTrackersJobMadeFromTheConfiguredTemplate() {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(ReleaseFixture.record(List.of(ReleaseFixture.release(1, "x: 1", ReleaseStatus.QUEUED, "dev")),
                Map.of()));
        ReleaseEngine engine = engine(store, new AtomicReference<>(), "fathomableRelease(tracker: {{tracker}})");

        engine.reconcile(ReleaseFixture.TRACKER);
        runTimer();

        assertThat(jobs.scripts).containsExactly("fathomableRelease(tracker: 'shop.payments-api')");
        assertThat(jobs.scheduled).singleElement().satisfies(r -> assertThat(r.environment()).isEqualTo("dev"));
    }

    @Test
    void aRunThatCannotStartIsReportedToTheEngineCurrentWhenTheOutcomeArrives() {
        jobs.refuse = true;
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(ReleaseFixture.record(List.of(ReleaseFixture.release(1, "x: 1", ReleaseStatus.QUEUED, "dev")),
                Map.of()));
        AtomicReference<ReleaseEngine> current = new AtomicReference<>();
        ReleaseEngine first = engine(store, current, PipelineTemplate.DEFAULT);
        first.reconcile(ReleaseFixture.TRACKER);
        // settings changed before the timer ran: a new engine over the same store
        ReleaseEngine rebuilt = engine(store, current, PipelineTemplate.DEFAULT);

        runTimer();

        assertThat(rebuilt.inProgress()).isEmpty();
        assertThat(rebuilt.history(ReleaseFixture.TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("failed");
            assertThat(h.detail()).contains("did not queue a run");
        });
    }

    @Test
    void atStartOnlyTheDeploymentsAlreadyInProgressAreSettledOnTheTimerAndALostOneIsQueuedAgain() {
        ReleaseFixture before = new ReleaseFixture(dir, Clock.fixed(ReleaseFixture.T0, ZoneOffset.UTC));
        before.track(List.of(ReleaseFixture.release(1, "x: 1", ReleaseStatus.QUEUED, "dev")), Map.of());
        before.engine.reconcile(ReleaseFixture.TRACKER);
        DeploymentRequest lost = before.handedOut.get(0);
        // Jenkins restarts: a new engine over the same store; the run's queue item was not saved
        AtomicReference<ReleaseEngine> current = new AtomicReference<>();
        ReleaseEngine engine = engine(new FileTrackerStore(dir), current, PipelineTemplate.DEFAULT);
        ReleaseExecutor executor = FathomableEngine.releaseExecutor(jobs, () -> PipelineTemplate.DEFAULT, timer::add,
                current::get);

        FathomableEngine.settleInterrupted(engine, jobs, executor, timer::add);
        assertThat(timer).as("nothing on the caller's thread").hasSize(1);
        runTimer();
        runTimer();

        assertThat(jobs.scheduled).as("its run queued again, once").singleElement()
                .satisfies(r -> assertThat(r.deployment()).isEqualTo(lost.id()));
        assertThat(engine.inProgress()).extracting(DeploymentRequest::id).containsExactly(lost.id());
        assertThat(engine.history(ReleaseFixture.TRACKER)).noneSatisfy(h -> assertThat(h.action()).isEqualTo("failed"));
    }

    @Test
    void nothingInProgressMeansNothingToSettle() {
        ReleaseEngine engine = engine(new FileTrackerStore(dir), new AtomicReference<>(), PipelineTemplate.DEFAULT);

        FathomableEngine.settleInterrupted(engine, jobs, request -> { }, timer::add);

        assertThat(timer).isEmpty();
    }
}
