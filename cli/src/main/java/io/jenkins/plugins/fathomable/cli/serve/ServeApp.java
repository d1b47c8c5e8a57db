package io.jenkins.plugins.fathomable.cli.serve;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.engine.StoreTrackerRepository;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code fathomable serve}, wired: the state directory's stores, the {@link Engine}, the REST routes on the JDK HTTP
 * server, and the poll schedule. {@link #close()} stops taking requests, lets a running poll pass finish, then
 * returns; every state file is replaced atomically, so stopping at any point leaves no half-written state.
 */
public final class ServeApp implements AutoCloseable {

    /** Under the state directory: one JSON file per tracker (definition, observation, releases, history). */
    public static final String TRACKERS_DIR = "trackers";

    private static final int HTTP_THREADS = 16;

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService poller;
    private final Engine engine;
    private final AdminToken adminToken;
    private final ServeLog log;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ServeApp(HttpServer server, ExecutorService httpThreads, ScheduledExecutorService poller, Engine engine,
            AdminToken adminToken, ServeLog log) {
        this.server = server;
        this.httpThreads = httpThreads;
        this.poller = poller;
        this.engine = engine;
        this.adminToken = adminToken;
        this.log = log;
    }

    /**
     * Starts serving.
     *
     * @param envToken the {@code FATHOMABLE_ADMIN_TOKEN} value, if set
     */
    public static ServeApp start(ServeSettings settings, Engine.Factory engines, Optional<String> envToken,
            ServeLog log, Clock clock, SecureRandom random) {
        OwnerOnlyFiles.ensureDirectory(settings.stateDir());
        AdminToken token = AdminToken.load(settings.stateDir(), envToken, random);
        FileSecretStore secrets = new FileSecretStore(settings.stateDir(), random);
        Path storeDir = settings.stateDir().resolve(TRACKERS_DIR);
        OwnerOnlyFiles.ensureDirectory(storeDir);
        FileTrackerStore store = new FileTrackerStore(storeDir);
        StoreTrackerRepository trackers = new StoreTrackerRepository(store);
        Engine engine = engines.create(new Engine.Context(settings, store, trackers, secrets, clock, log));
        TrackerApi api = new TrackerApi(
                new DefaultTrackerService(trackers, secrets, engine.ingestor(), engine.status(), clock),
                e -> log.info("error: unexpected " + e.getClass().getName() + ": " + e.getMessage()));

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
        } catch (IOException e) {
            engine.close();
            throw new UncheckedIOException("cannot listen on " + settings.bind() + ":" + settings.port(), e);
        }
        ExecutorService httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, named("fathomable-http"));
        server.setExecutor(httpThreads);
        server.createContext("/", new HttpAdapter(api, token, settings.openReads(), log));
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(named("fathomable-poll"));
        ServeApp app = new ServeApp(server, httpThreads, poller, engine, token, log);
        server.start();
        long every = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(app::pollOnce, every, every, TimeUnit.MILLISECONDS);

        log.info("serve: state in " + settings.stateDir().toAbsolutePath());
        log.info(engine.describe());
        log.info("serve: polling every " + settings.pollInterval().toString().substring(2).toLowerCase());
        log.info("serve: listening on " + app.baseUri() + "trackers/ ("
                + (settings.openReads() ? "reads open, writes need the admin token" : "admin token required") + ")");
        return app;
    }

    /** Where the API is, e.g. {@code http://127.0.0.1:8080/}; with {@code --port 0}, the port picked. */
    public URI baseUri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The admin token made on this start, to print once; empty if it already existed or came from the environment. */
    public Optional<String> generatedAdminToken() {
        return adminToken.generated();
    }

    /**
     * Runs one poll pass now, on the poll thread (so never beside a scheduled one), and waits for it; for tests and
     * operators who do not want to wait for the interval.
     */
    public void pollNow() throws InterruptedException {
        try {
            poller.submit(this::pollOnce).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("poll pass failed", e.getCause());
        }
    }

    private void pollOnce() {
        try {
            engine.pollOnce();
        } catch (RuntimeException e) {
            log.info("poll: failed with " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("serve: stopping");
        // Refuse new exchanges, let those in flight finish, then close the listener; a running poll pass finishes.
        httpThreads.shutdown();
        poller.shutdown();
        try {
            httpThreads.awaitTermination(10, TimeUnit.SECONDS);
            poller.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop(0);
            engine.close();
            log.info("serve: stopped");
            stopped.countDown();
        }
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
