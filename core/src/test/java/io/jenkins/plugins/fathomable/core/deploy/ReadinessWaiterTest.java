package io.jenkins.plugins.fathomable.core.deploy;

import static io.jenkins.plugins.fathomable.core.deploy.ReleaseObjects.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Duration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessWaiterTest {

    private static final String NS = "shop-dev";

    private MockCluster cluster;
    private VirtualTimeScheduler scheduler;
    private ReadinessWaiter waiter;
    private RolloutStatus status;
    private Supplier<Readiness> check;
    private final List<Readiness> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        scheduler = new VirtualTimeScheduler();
        waiter = new ReadinessWaiter(scheduler, scheduler.clock);
        status = new RolloutStatus(cluster.client, NS);
        Inventory inventory = new Applier(cluster.client).apply(TrackerId.parse("shop.web"), NS,
                List.of(deployment("web", "ghcr.io/acme/web:2.0.0", 2)), ApplyOptions.defaults());
        ReadinessChecker checker = new ReadinessChecker(cluster.client);
        check = () -> checker.check(NS, inventory);
        status.deployment("web", 2, 0);
        status.waitingPod("web-5f7c-x1", "web", "ImagePullBackOff", "Back-off pulling image");
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        cluster.close();
    }

    private static Readiness result(CompletableFuture<Readiness> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS); // a guard against a hang, not a timing assertion
    }

    @Test
    void completesReadyOnceTheRolloutFinishesPollingWithGrowingGaps() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        Supplier<Readiness> probe = () -> {
            if (looks.incrementAndGet() == 3) {
                status.deployment("web", 2, 2); // the new pods came up between the second and third look
            }
            return check.get();
        };

        Readiness readiness = result(waiter.await(probe, Duration.ofMinutes(5), progress::add));

        assertThat(readiness).isEqualTo(Readiness.ready());
        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(progress).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("0/2 replicas ready").contains("ImagePullBackOff"));
    }

    @Test
    void timesOutAsFailedWithTheLastReasonAndCappedBackoff() throws Exception {
        Readiness readiness = result(waiter.await(check, Duration.ofMinutes(2), progress::add));

        assertThat(readiness.state()).isEqualTo(Readiness.State.FAILED);
        assertThat(readiness.reason()).startsWith("not ready after 2m: Deployment web: 0/2 replicas ready")
                .contains("pod web-5f7c-x1 container app: ImagePullBackOff");
        assertThat(scheduler.delays).extracting(Duration::toSeconds).containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(scheduler.clock.instant()).isEqualTo("2026-11-27T12:02:00Z");
    }

    @Test
    void stopsAtOnceWhenTheRolloutHasFailed() throws Exception {
        status.progressDeadlineExceeded("web");

        Readiness readiness = result(waiter.await(check, Duration.ofMinutes(5), progress::add));

        assertThat(readiness.state()).isEqualTo(Readiness.State.FAILED);
        assertThat(readiness.reason()).contains("timed out progressing");
        assertThat(scheduler.delays).isEmpty();
    }

    @Test
    void aFailedLookIsRetriedNotTakenAsAFailedRelease() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        Supplier<Readiness> probe = () -> {
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("connection reset");
            }
            status.deployment("web", 2, 2);
            return check.get();
        };

        assertThat(result(waiter.await(probe, Duration.ofMinutes(5), progress::add))).isEqualTo(Readiness.ready());
        assertThat(progress).extracting(Readiness::reason).containsExactly("cannot check readiness: connection reset");
    }

    @Test
    void cancellingStopsThePolling() throws Exception {
        AtomicReference<CompletableFuture<Readiness>> waiting = new AtomicReference<>();
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Readiness> future = new CompletableFuture<>();
        waiting.set(waiter.await(() -> {
            looks.incrementAndGet();
            return check.get();
        }, Duration.ofMinutes(5), p -> {
            waiting.get().cancel(false);
            future.complete(p);
        }));
        result(future);
        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(waiting.get()).isCancelled();
        assertThat(looks).hasValue(1);
    }

    /**
     * Found by the end-to-end suite: Jenkins shut down while a release run waited for readiness; the look then running
     * met the plugin's closed class loader and its {@code ServiceConfigurationError} escaped into Jenkins' timer log.
     */
    @Test
    void whileTheHostStopsALookNeitherEndsTheWaitNorEscapesEvenWhenItsClassesAreGone() throws Exception {
        Stopping stopping = new Stopping();
        AtomicInteger looks = new AtomicInteger();

        CompletableFuture<Readiness> waiting = new ReadinessWaiter(scheduler, scheduler.clock, stopping).await(() -> {
            looks.incrementAndGet();
            stopping.begin(); // Jenkins begins to stop during this look and closes the plugins' class loaders
            throw new ServiceConfigurationError("io.fabric8.kubernetes.api.model.KubernetesResource: Provider "
                    + "io.fabric8.kubernetes.api.model.ResourceQuotaList not found");
        }, Duration.ofMinutes(5), progress::add);
        stopping.awaitAskedWhileStopping();
        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(looks).hasValue(1);
        assertThat(waiting).as("left for the step to resume after the restart").isNotDone();
        assertThat(scheduler.escaped).isEmpty();
        assertThat(scheduler.delays).as("no further look").isEmpty();
        assertThat(progress).isEmpty();
    }

    @Test
    void aPollDueWhileTheHostStopsDoesNotLook() throws Exception {
        Stopping stopping = new Stopping();
        AtomicInteger looks = new AtomicInteger();

        CompletableFuture<Readiness> waiting = new ReadinessWaiter(scheduler, scheduler.clock, stopping).await(() -> {
            looks.incrementAndGet();
            stopping.begin(); // Jenkins begins to stop after this look
            return check.get();
        }, Duration.ofMinutes(5), progress::add);
        stopping.awaitAskedWhileStopping(); // by the second poll, 2 s later
        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(looks).as("the second poll does not look").hasValue(1);
        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(2));
        assertThat(waiting).isNotDone();
        assertThat(scheduler.escaped).isEmpty();
    }

    @Test
    void missingClassesEndTheWaitVisiblyInsteadOfEscapingIntoTheScheduler() {
        CompletableFuture<Readiness> waiting = waiter.await(() -> {
            throw new NoClassDefFoundError("io/fabric8/kubernetes/api/model/apps/Deployment");
        }, Duration.ofMinutes(5), progress::add);

        assertThatThrownBy(() -> result(waiting)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThat(scheduler.escaped).isEmpty();
    }

    /** The host's "shutting down" flag, telling the test when a poll has asked it after the shutdown began. */
    private static final class Stopping implements java.util.function.BooleanSupplier {
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final java.util.concurrent.CountDownLatch askedWhileStopping = new java.util.concurrent.CountDownLatch(1);

        void begin() {
            stopping.set(true);
        }

        @Override
        public boolean getAsBoolean() {
            boolean now = stopping.get();
            if (now) {
                askedWhileStopping.countDown();
            }
            return now;
        }

        void awaitAskedWhileStopping() throws InterruptedException {
            assertThat(askedWhileStopping.await(30, TimeUnit.SECONDS)).as("a guard against a hang").isTrue();
        }
    }
}
