package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.testing.Fixtures.config;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.tracker;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pollers, reconcile passes and executor callbacks racing on two trackers: every deployment is handed out exactly
 * once, no release is lost, and the newest release of each tracker reaches prod.
 */
class EngineConcurrencyTest {

    private static final int EVENTS_PER_POLLER = 10;
    private static final int POLLERS = 3;
    private static final List<TrackerId> TRACKERS = List.of(TrackerId.parse("shop.payments"),
            TrackerId.parse("shop.orders"));

    @TempDir
    Path dir;

    @Test
    void handOutsAreNeverDuplicatedAndNoReleaseIsLost() throws Exception {
        FileTrackerStore store = new FileTrackerStore(dir);
        List<DeploymentRequest> handedOut = new CopyOnWriteArrayList<>();
        ReleaseEngine[] engine = new ReleaseEngine[1];
        // Reports success from inside execute, on whichever thread handed it out: the re-entrant path.
        ReleaseExecutor executor = request -> {
            handedOut.add(request);
            engine[0].completed(request.id(), new DeploymentOutcome.Ready("run-" + request.id()));
        };
        engine[0] = new ReleaseEngine(store, FlowConfig.defaults(), executor,
                new MutableClock(Instant.parse("2026-11-23T08:00:00Z")));
        for (TrackerId id : TRACKERS) {
            store.create(TrackerRecord.of(tracker(id.toString())));
            store.update(id, r -> r.withObservation(new io.jenkins.plugins.fathomable.core.tracker.TrackerObservation(
                    null, null, config(1), null, io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status.OK,
                    null)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (TrackerId id : TRACKERS) {
            for (int p = 0; p < POLLERS; p++) {
                int poller = p;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EVENTS_PER_POLLER; i++) {
                        int digest = 1000 * (poller + 1) + i;
                        engine[0].onEvent(new TrackerEvent.ImageUpdated(id, Instant.EPOCH, image("1.4.2", 1),
                                image("1.4.2", digest)));
                    }
                    return null;
                }));
            }
        }
        for (int r = 0; r < 2; r++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 40; i++) {
                    engine[0].reconcile();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(handedOut).extracting(DeploymentRequest::id).doesNotHaveDuplicates();
        for (TrackerId id : TRACKERS) {
            ReleaseState state = store.get(id).orElseThrow().releases();
            assertThat(state.lastRelease()).as("releases of %s", id).isEqualTo(POLLERS * EVENTS_PER_POLLER);
            assertThat(state.releases()).hasSize(POLLERS * EVENTS_PER_POLLER);
            assertThat(state.environments().values()).allSatisfy(e -> assertThat(e.inProgress()).isNull());
            Release newest = state.release(state.lastRelease()).orElseThrow();
            assertThat(newest.stage()).isEqualTo("COMPLETED prod");
            assertThat(state.releases()).allSatisfy(r -> assertThat(r.status())
                    .isIn(ReleaseStatus.COMPLETED, ReleaseStatus.SUPERSEDED));
            assertThat(FlowConfig.DEFAULT_ORDER)
                    .allSatisfy(env -> assertThat(state.environment(env).deployed()).isEqualTo(newest.number()));
            long handedForTracker = handedOut.stream().filter(d -> d.tracker().equals(id)).count();
            assertThat(state.lastDeployment()).isEqualTo(handedForTracker);
        }
    }
}
