package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.security.ACL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's threads: Jenkins-like, bounded, running as SYSTEM, stopped with the engine. */
class EngineThreadsTest {

    private final EngineThreads threads = new EngineThreads();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        threads.close();
    }

    @Test
    void restReadsRunAsSystemOnNamedDaemonThreads() throws Exception {
        Executor ingest = threads.threads(Duration.ofSeconds(5)).ingest();

        String seen = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName() + " daemon="
                + Thread.currentThread().isDaemon() + " as=" + (Jenkins.getAuthentication2() == ACL.SYSTEM2), ingest)
                .get(30, TimeUnit.SECONDS);

        assertThat(seen).startsWith("Fathomable REST read").endsWith(" daemon=true as=true");
    }

    @Test
    void readsAreBoundedAndRefusedBeyondTheQueue() throws Exception {
        Executor ingest = threads.threads(Duration.ofSeconds(5)).ingest();
        CountDownLatch started = new CountDownLatch(EngineThreads.INGEST_THREADS);
        for (int i = 0; i < EngineThreads.INGEST_THREADS + EngineThreads.INGEST_QUEUE; i++) {
            ingest.execute(() -> {
                started.countDown();
                await(release);
            });
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> ingest.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closingStopsEveryThreadAndTakesNoMoreWork() throws Exception {
        PluginEngine.Threads t = threads.threads(Duration.ofSeconds(5));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        running.add(CompletableFuture.runAsync(() -> { }, t.ingest()));
        running.add(CompletableFuture.runAsync(() -> { }, t.poll()));
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        threads.close();

        assertThat(threads.terminated()).isTrue();
        assertThatThrownBy(() -> t.ingest().execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> t.poll().execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closingInterruptsWhatOutlivesTheWait() throws Exception {
        Executor ingest = threads.threads(Duration.ofSeconds(5)).ingest();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ingest.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        threads.close();

        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
