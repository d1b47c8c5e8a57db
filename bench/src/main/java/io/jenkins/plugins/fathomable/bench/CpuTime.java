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
 * includes waiting for a core; CPU time does not. Jetty ends idle threads, and a thread's CPU time is gone with it
 * while the process total keeps it: the last figure seen of each stand-in thread is kept, so an ended thread's work
 * is not moved to the engine.
 */
record CpuTime(double engine, double gitHubStandIn, double registry) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final java.util.Map<Long, Long> STAND_IN = new java.util.concurrent.ConcurrentHashMap<>();

    static CpuTime now(long registryPid) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("qtp")) {
                STAND_IN.merge(info.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())), Math::max);
            }
        }
        long standIn = STAND_IN.values().stream().mapToLong(Long::longValue).sum();
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
