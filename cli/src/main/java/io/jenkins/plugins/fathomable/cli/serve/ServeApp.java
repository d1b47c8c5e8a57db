package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.cli.serve.ui.UiHandler;
import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.dashboard.Dashboard;
import io.jenkins.plugins.fathomable.core.dashboard.GitHubWeb;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.api.WebhookRoutes;
import io.jenkins.plugins.fathomable.core.engine.StoreTrackerRepository;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.StoreException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code fathomable serve}, wired: the state directory (locked), its stores, the {@link Engine}, the REST routes on
 * Jetty, and the poll schedule. A start that fails undoes what it started and throws a {@link StartupException};
 * the admin token's hash is written last, so a failed first start leaves none behind. {@link #close()} stops taking
 * requests, lets a running poll pass finish, then returns; every state file is replaced atomically, so stopping at
 * any point leaves no half-written state.
 */
public final class ServeApp implements AutoCloseable {

    /** Under the state directory: one JSON file per tracker (definition, observation, releases, history). */
    public static final String TRACKERS_DIR = "trackers";
    /** Ingests of POST/PUT at once; more queue; beyond that the next poll reads the file. */
    static final int INGEST_THREADS = 4;
    static final int INGEST_QUEUE = 64;

    private final ApiServer server;
    private final ThreadPoolExecutor ingestThreads;
    private final ScheduledExecutorService poller;
    private final Engine engine;
    private final AdminToken adminToken;
    private final StateDirLock lock;
    private final ServeLog log;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ServeApp(ApiServer server, ThreadPoolExecutor ingestThreads, ScheduledExecutorService poller,
            Engine engine, AdminToken adminToken, StateDirLock lock, ServeLog log) {
        this.server = server;
        this.ingestThreads = ingestThreads;
        this.poller = poller;
        this.engine = engine;
        this.adminToken = adminToken;
        this.lock = lock;
        this.log = log;
    }

    /**
     * Starts serving.
     *
     * @param envToken the {@code FATHOMABLE_ADMIN_TOKEN} value, if set
     * @throws StartupException with a one-line reason when anything is in the way; nothing is left running
     */
    public static ServeApp start(ServeSettings settings, Engine.Factory engines, Optional<String> envToken,
            ServeLog log, Clock clock, SecureRandom random) {
        Path stateDir = settings.stateDir();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            try {
                OwnerOnlyFiles.ensureDirectory(stateDir);
            } catch (UncheckedIOException e) {
                throw StartupException.stateDir("create the state directory", stateDir, e);
            }
            StateDirLock lock = StateDirLock.acquire(stateDir);
            started.push(lock);
            AdminToken token = stateFile("read", stateDir.resolve(AdminToken.FILE), () -> {
                OwnerOnlyFiles.removeLeftovers(stateDir.resolve(AdminToken.FILE));
                return AdminToken.load(stateDir, envToken, random);
            });
            FileSecretStore secrets = stateFile("read", stateDir.resolve(FileSecretStore.FILE),
                    () -> new FileSecretStore(stateDir, random));
            Path storeDir = stateDir.resolve(TRACKERS_DIR);
            FileTrackerStore store = stateFile("open", storeDir, () -> {
                OwnerOnlyFiles.ensureDirectory(storeDir);
                return new FileTrackerStore(storeDir);
            });
            StoreTrackerRepository trackers = new StoreTrackerRepository(store);
            Engine engine = stateFile("start the engine in", stateDir,
                    () -> engines.create(new Engine.Context(settings, store, trackers, secrets, clock, log)));
            started.push(engine);
            ThreadPoolExecutor ingestThreads = new ThreadPoolExecutor(INGEST_THREADS, INGEST_THREADS, 60,
                    TimeUnit.SECONDS, new ArrayBlockingQueue<>(INGEST_QUEUE), named("fathomable-ingest"));
            started.push(ingestThreads::shutdownNow);
            TrackerApi api = new TrackerApi(new DefaultTrackerService(trackers, secrets, engine.ingestor(),
                    engine.status(), clock, ingestThreads, settings.answerWithin()), engine.operations(),
                    e -> log.info("error: unexpected " + e.getClass().getName() + ": " + e.getMessage()));
            WebhookRoutes webhooks = webhookRoutes(settings, engine, log);
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(named("fathomable-poll"));
            started.push(poller::shutdownNow);
            UiHandler ui = ui(settings, store, engine, token, poller, log, clock, random);
            ApiServer server = ApiServer.start(settings.bind(), settings.port(), api, ui, webhooks, token,
                    settings.openReads(), log);
            started.push(server);
            // Last: only a start that got this far stores the hash of a token made now (printed right after).
            stateFile("write", stateDir.resolve(AdminToken.FILE), () -> {
                token.persist(stateDir);
                return token;
            });
            ServeApp app = new ServeApp(server, ingestThreads, poller, engine, token, lock, log);
            long every = settings.pollInterval().toMillis();
            poller.scheduleWithFixedDelay(app::pollOnce, every, every, TimeUnit.MILLISECONDS);
            log.info("serve: state in " + stateDir.toAbsolutePath());
            log.info(engine.describe());
            log.info("serve: polling every " + settings.pollInterval().toString().substring(2).toLowerCase());
            log.info("serve: listening on " + app.baseUri() + "trackers/ ("
                    + (settings.openReads() ? "reads open, writes need the admin token" : "admin token required") + ")");
            log.info("serve: release dashboard at " + app.baseUri() + "ui/ ("
                    + (settings.openReads() ? "read-only without the admin token" : "sign in with the admin token") + ")");
            if (webhooks != null && (settings.webhooks().github() != null || settings.webhooks().registry() != null)) {
                log.info("serve: webhooks at " + (settings.webhooks().github() == null ? ""
                        : app.baseUri() + "webhooks/github ") + (settings.webhooks().registry() == null ? ""
                        : app.baseUri() + "webhooks/registry ") + "; trackers they reach are polled every "
                        + settings.safetyNet().webhookInterval().toString().substring(2).toLowerCase());
            }
            return app;
        } catch (RuntimeException e) {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception ignored) {
                    // the start failed; that is what gets reported
                }
            }
            throw e;
        }
    }

    /**
     * The overview and tracker pages over the same store and release engine as the REST routes; "Poll now" runs a
     * pass on the poll thread, after any pass already running.
     */
    private static UiHandler ui(ServeSettings settings, FileTrackerStore store, Engine engine, AdminToken token,
            ScheduledExecutorService poller, ServeLog log, Clock clock, SecureRandom random) {
        Dashboard dashboard = engine.releases() == null ? null : new Dashboard(store, engine.releases(), List::of,
                GitHubWeb.forApi(settings.githubApiUrl().toString()), clock);
        Runnable pollSoon = () -> poller.execute(() -> pollSafely(engine, log));
        return new UiHandler(dashboard, engine.operations(), token::matches, settings.openReads(), pollSoon, log::info,
                ApiServer.BODY_TIMEOUT, random, clock);
    }

    /**
     * The webhook receivers of the config file, or {@code null} when the engine takes none. Each configured secret is
     * read once now, so a missing file stops the start; afterwards it is read at each delivery (rotation).
     */
    private static WebhookRoutes webhookRoutes(ServeSettings settings, Engine engine, ServeLog log) {
        if (engine.webhooks() == null) {
            return null;
        }
        WebhookSettings w = settings.webhooks();
        for (WebhookSettings.SecretSource source : java.util.Arrays.asList(w.github(), w.registry())) {
            if (source != null) {
                try {
                    source.read(System::getenv);
                } catch (IllegalStateException e) {
                    throw new StartupException(e.getMessage(), e);
                }
            }
        }
        return new WebhookRoutes(engine.webhooks(),
                () -> Optional.ofNullable(w.github()).map(s -> s.read(System::getenv)),
                () -> Optional.ofNullable(w.registry()).map(s -> s.read(System::getenv)),
                e -> log.info("error: webhook: " + e.getClass().getName() + ": " + e.getMessage()));
    }

    /** Runs one start-up step on the state directory; its failures become one-line start-up errors. */
    private static <T> T stateFile(String what, Path path, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (StartupException e) {
            throw e;
        } catch (UncheckedIOException e) {
            throw StartupException.stateDir(what, path, e);
        } catch (IllegalStateException | StoreException e) {
            throw new StartupException(String.valueOf(e.getMessage()), e);
        }
    }

    /** Where the API is, e.g. {@code http://127.0.0.1:8080/}; with {@code --port 0}, the port picked. */
    public URI baseUri() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    /** Where this serve logs (the engine and the HTTP side write here too). */
    public ServeLog log() {
        return log;
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
        pollSafely(engine, log);
    }

    private static void pollSafely(Engine engine, ServeLog log) {
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
        // Stop taking requests (those in flight finish), then let a running poll pass and ingests finish.
        server.close();
        poller.shutdown();
        ingestThreads.shutdown();
        try {
            poller.awaitTermination(30, TimeUnit.SECONDS);
            ingestThreads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            engine.close();
            lock.close();
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
