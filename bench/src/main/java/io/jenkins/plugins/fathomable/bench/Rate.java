package io.jenkins.plugins.fathomable.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Work per second on one thread, by wall clock and by the thread's own CPU time. On a machine shared with other
 * loads the wall-clock rate drops when the thread waits for a core; the CPU-time rate does not.
 */
record Rate(double perWallSecond, double perCpuSecond) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Runs {@code work} (which returns how many units it did) repeatedly for {@code seconds}. */
    static Rate measure(double seconds, java.util.function.LongSupplier work) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long units = 0;
        while (System.nanoTime() < deadline) {
            units += work.getAsLong();
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Rate(units / wall, units / cpu);
    }

    @Override
    public String toString() {
        return String.format("%,.1f/s by wall clock, %,.1f/s per CPU-second of the thread", perWallSecond, perCpuSecond);
    }
}
