package io.jenkins.plugins.fathomable.engine;

import hudson.security.ACL;
import hudson.util.ClassLoaderSanityThreadFactory;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.security.ImpersonatingExecutorService;

/**
 * The engine's own threads, made the way Jenkins makes its pools: daemon threads named after what they do, without
 * the context class loader of whoever started them, running as SYSTEM (as the poller does; credentials are looked up
 * in that context). Bounded, idle threads end, and all of them are stopped with the engine.
 */
final class EngineThreads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EngineThreads.class.getName());
    /** Reads of trackers created or replaced through REST at once; more wait; beyond that the next poll reads. */
    static final int INGEST_THREADS = 4;
    static final int INGEST_QUEUE = 64;
    /** Trackers of one poll pass looked at in parallel. */
    static final int POLL_THREADS = 4;
    /** How long stopping waits for reads and passes in flight before interrupting them. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ThreadPoolExecutor pollPool = pool("Fathomable poll", POLL_THREADS, Integer.MAX_VALUE);
    private final ThreadPoolExecutor ingestPool = pool("Fathomable REST read", INGEST_THREADS, INGEST_QUEUE);
    private final ExecutorService poll = new ImpersonatingExecutorService(pollPool, ACL.SYSTEM2);
    private final ExecutorService ingest = new ImpersonatingExecutorService(ingestPool, ACL.SYSTEM2);

    /** The engine's threads, with REST answers waiting {@code answerWithin} for their read. */
    PluginEngine.Threads threads(Duration answerWithin) {
        return new PluginEngine.Threads(poll, ingest, answerWithin);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        ThreadFactory factory = new NamingThreadFactory(new ClassLoaderSanityThreadFactory(new DaemonThreadFactory()),
                name);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                queue == Integer.MAX_VALUE ? new java.util.concurrent.LinkedBlockingQueue<>()
                        : new ArrayBlockingQueue<>(queue), factory);
        pool.allowCoreThreadTimeOut(true); // no idle threads kept while Jenkins has nothing for Fathomable
        return pool;
    }

    /** Takes no more work; lets what runs finish for {@link #STOP_WAIT}, then interrupts it. */
    @Override
    public void close() {
        List<ThreadPoolExecutor> pools = List.of(ingestPool, pollPool);
        pools.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (ThreadPoolExecutor pool : pools) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.INFO, "Fathomable: stopping reads still running after {0} s", STOP_WAIT.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pools.forEach(ThreadPoolExecutor::shutdownNow);
    }

    /** For tests: whether every thread has ended. */
    boolean terminated() {
        return ingestPool.isTerminated() && pollPool.isTerminated();
    }
}
