package io.jenkins.plugins.fathomable.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: what stays reachable. */
final class Heap {

    private Heap() {}

    static long retained() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
