package io.jenkins.plugins.fathomable.core.deploy;

import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A real single-thread scheduler whose delays pass in virtual time: a delayed task runs at once, after moving the
 * {@link #clock} forward by its delay. Tests see the exact delays asked for and never wait.
 */
final class VirtualTimeScheduler extends ScheduledThreadPoolExecutor {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    /** What tasks threw into the scheduler (a real one logs it at best). */
    final List<Throwable> escaped = new CopyOnWriteArrayList<>();

    VirtualTimeScheduler() {
        super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Duration d = Duration.ofNanos(unit.toNanos(delay));
        if (!d.isZero()) { // execute() comes through here with no delay; only waits are of interest
            delays.add(d);
        }
        return super.schedule(() -> {
            clock.advance(d);
            try {
                command.run();
            } catch (RuntimeException | Error e) {
                escaped.add(e);
                throw e;
            }
        }, 0, TimeUnit.NANOSECONDS);
    }
}
