package io.jenkins.plugins.fathomable.core.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for readiness without holding a thread: each poll is a task on the shared scheduler, and the gap between
 * polls doubles from {@link #FIRST_DELAY} up to {@link #MAX_DELAY}. Many releases can wait at once on a small pool.
 * Cancelling the returned future stops the polling. While the host is stopping ({@code stopping}), polls neither look
 * nor end the wait: the wait is left to be resumed after the restart, and what a look meets while the host closes its
 * class loaders (a {@link LinkageError}, a {@link ServiceConfigurationError}) is no failed release.
 */
public final class ReadinessWaiter {

    public static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final BooleanSupplier stopping;

    public ReadinessWaiter(ScheduledExecutorService scheduler, Clock clock) {
        this(scheduler, clock, () -> false);
    }

    /** @param stopping whether the host (Jenkins) is shutting down, asked before and after each look */
    public ReadinessWaiter(ScheduledExecutorService scheduler, Clock clock, BooleanSupplier stopping) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.stopping = stopping;
    }

    /**
     * Polls {@code probe} (typically {@code () -> checker.check(namespace, inventory)}) now and then with capped
     * backoff until it reports READY or FAILED, or until {@code timeout} has passed; on timeout the result is FAILED
     * with the last progress reason. {@code progress} hears every PROGRESSING result whose reason changed.
     */
    public CompletableFuture<Readiness> await(Supplier<Readiness> probe, Duration timeout,
            Consumer<Readiness> progress) {
        CompletableFuture<Readiness> result = new CompletableFuture<>();
        Instant deadline = clock.instant().plus(timeout);
        scheduler.execute(new Poll(probe, timeout, deadline, progress, result, FIRST_DELAY, null));
        return result;
    }

    private final class Poll implements Runnable {
        private final Supplier<Readiness> probe;
        private final Duration timeout;
        private final Instant deadline;
        private final Consumer<Readiness> progress;
        private final CompletableFuture<Readiness> result;
        private final Duration nextDelay;
        private final Readiness last;

        Poll(Supplier<Readiness> probe, Duration timeout, Instant deadline, Consumer<Readiness> progress,
                CompletableFuture<Readiness> result, Duration nextDelay, Readiness last) {
            this.probe = probe;
            this.timeout = timeout;
            this.deadline = deadline;
            this.progress = progress;
            this.result = result;
            this.nextDelay = nextDelay;
            this.last = last;
        }

        @Override
        public void run() {
            try {
                poll();
            } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
                if (!stopping.getAsBoolean()) {
                    // A throwing listener, a refusing scheduler or missing classes end the wait visibly, not silently
                    // in the scheduler's log.
                    result.completeExceptionally(e);
                }
            }
        }

        private void poll() {
            if (result.isDone() || stopping.getAsBoolean()) {
                return;
            }
            Readiness now;
            try {
                now = probe.get();
            } catch (RuntimeException e) {
                // A failed look (API server hiccup) is not a failed release; keep looking until the deadline.
                now = Readiness.progressing("cannot check readiness: " + e.getMessage());
            }
            if (now.isFinal()) {
                result.complete(now);
                return;
            }
            if (last == null || !last.reason().equals(now.reason())) {
                progress.accept(now);
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                result.complete(Readiness.failed("not ready after " + format(timeout) + ": " + now.reason()));
                return;
            }
            Duration delay = nextDelay.compareTo(remaining) < 0 ? nextDelay : remaining;
            Duration after = nextDelay.multipliedBy(2);
            Poll next = new Poll(probe, timeout, deadline, progress, result,
                    after.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : after, now);
            scheduler.schedule(next, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String format(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
