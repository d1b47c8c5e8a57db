package io.jenkins.plugins.fathomable.e2e.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How busy the machine's processors are, from the kernel's counters ({@code /proc/stat}): a measurement of page times
 * says what else ran meanwhile, and waits for a start-up burst to pass before it begins.
 */
final class MachineLoad {

    private final long[] start;

    private MachineLoad(long[] start) {
        this.start = start;
    }

    static MachineLoad start() {
        return new MachineLoad(counters());
    }

    /** The fraction of processor time not idle since {@link #start()}, 0 to 1. */
    double busySince() {
        long[] now = counters();
        long total = now[0] - start[0];
        return total == 0 ? 0 : 1.0 - (double) (now[1] - start[1]) / total;
    }

    /**
     * Waits until a whole {@code window} passes with the processors at most {@code threshold} busy, or until
     * {@code max} has passed; returns how busy the last window was.
     */
    static double waitUntilQuiet(double threshold, Duration window, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        double busy;
        do {
            MachineLoad load = start();
            Thread.sleep(window.toMillis());
            busy = load.busySince();
        } while (busy > threshold && System.nanoTime() < deadline);
        return busy;
    }

    /** {@code [all jiffies, idle + iowait jiffies]} of the first line of {@code /proc/stat}. */
    private static long[] counters() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
