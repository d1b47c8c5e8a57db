package io.jenkins.plugins.fathomable.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that runs immediate tasks on its thread but keeps delayed ones until the test runs them with
 * {@link #runDelayed()}: back-off waits happen when the test says, not after real seconds.
 */
public final class ManualDelays extends ScheduledThreadPoolExecutor {

    private final List<Runnable> delayed = new ArrayList<>();

    public ManualDelays() {
        super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0) {
            // execute() and supplyAsync() come through here with no delay: run those as usual.
            return super.schedule(command, delay, unit);
        }
        delayed.add(command);
        notifyAll();
        // A stand-in the callers ignore; the real task waits in the list.
        return super.schedule(() -> { }, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until a delayed task is kept: the code under test may log before it schedules its next look.
     *
     * @return whether one arrived within {@code seconds}
     */
    public synchronized boolean awaitDelayed(long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (delayed.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Runs every delayed task on the calling thread; returns how many there were. */
    public int runDelayed() {
        List<Runnable> due;
        synchronized (this) {
            due = new ArrayList<>(delayed);
            delayed.clear();
        }
        due.forEach(Runnable::run);
        return due.size();
    }
}
