package io.jenkins.plugins.fathomable.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used so far, split three ways: the GitHub stand-in's Jetty threads ({@code qtp*}), the rest of this
 * JVM (the engine, its HTTP clients, garbage collection) and the registry process. On a shared machine wall time
 * includes waiting for a core; CPU time does not.
 */
record CpuTime(double engine, double gitHubStandIn, double registry) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static CpuTime now(long registryPid) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        long standIn = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("qtp")) {
                standIn += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return new CpuTime(jvm - standIn / 1e9, standIn / 1e9, processSeconds(registryPid));
    }

    CpuTime minus(CpuTime before) {
        return new CpuTime(engine - before.engine, gitHubStandIn - before.gitHubStandIn, registry - before.registry);
    }

    /** utime + stime of a Linux process, from /proc (clock ticks of 1/100 s). */
    private static double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
