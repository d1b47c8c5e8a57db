package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.api.Ingestor;
import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.api.TrackerRepository;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.ImagePolicyReader;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.webhook.SafetyNet;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The whole loop over one {@link TrackerStore}: detection ({@link PollCycle}), the release flow
 * ({@link ReleaseEngine}) and a {@link ReleaseExecutor}, plus the pieces the REST routes need (repository, ingest,
 * status). Hosts ({@code serve}, the Jenkins plugin) build one, call {@link #pollOnce()} on a schedule, and
 * {@link #resumeInterrupted()} once at start. Holds no state of its own: everything is in the store.
 */
public final class TrackingEngine {

    private final StoreTrackerRepository trackers;
    private final PollCycle cycle;
    private final ReleaseEngine releases;
    private final ReleaseOperations operations;
    private final ReleaseExecutor executor;
    private final ImmediateIngestor ingestor;
    private final ReleaseStatusProvider status;
    private final EngineLog log;
    private final TrackerStore store;
    private final Clock clock;
    private final Webhooks webhooks;
    /** Looks run on their own threads, so a look never queues behind a pass of every tracker. */
    private final ExecutorService lookThreads = daemonPool("fathomable-webhook-look", 4);

    /**
     * @param store       trackers, observations, releases and history
     * @param gitHub      GitHub: batched lookups per credential, file reads, request budgets
     * @param registry    the registry client (its counter is reported per pass)
     * @param flow        the environments, in release order
     * @param executors   builds the executor, given where it reports outcomes (for example
     *                    {@code r -> new LocalReleaseExecutor(dir, clusters, r, workers, timeout, clock, log)})
     * @param pollThreads polls trackers in parallel; owned by the caller
     */
    public TrackingEngine(TrackerStore store, GitHubReader gitHub, RegistryClient registry, FlowConfig flow,
            Function<DeploymentReporter, ReleaseExecutor> executors, Clock clock, ExecutorService pollThreads,
            EngineLog log) {
        this(store, gitHub, registry, new SpecImagePolicyReader(), flow, executors, clock, pollThreads, log);
    }

    /**
     * @param policies reads the image policy of a tracker's file; hosts wrap {@link SpecImagePolicyReader} to add
     *                 their own checks (the plugin's registry allow-list)
     */
    public TrackingEngine(TrackerStore store, GitHubReader gitHub, RegistryClient registry,
            ImagePolicyReader policies, FlowConfig flow, Function<DeploymentReporter, ReleaseExecutor> executors,
            Clock clock, ExecutorService pollThreads, EngineLog log) {
        this(store, gitHub, registry, policies, flow, executors, clock, pollThreads, log, daemonScheduler());
    }

    /**
     * @param later schedules a webhook's look again when a registry notification overtook its tag (by default a
     *              daemon scheduler thread that ends when idle)
     */
    public TrackingEngine(TrackerStore store, GitHubReader gitHub, RegistryClient registry,
            ImagePolicyReader policies, FlowConfig flow, Function<DeploymentReporter, ReleaseExecutor> executors,
            Clock clock, ExecutorService pollThreads, EngineLog log, Webhooks.Later later) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.trackers = new StoreTrackerRepository(store);
        // The executor reports to the release engine built right after it; no deployment starts before that.
        ReleaseEngine[] engine = new ReleaseEngine[1];
        this.executor = Objects.requireNonNull(executors.apply((id, outcome) -> engine[0].completed(id, outcome)),
                "executor");
        this.releases = new ReleaseEngine(store, flow, request -> {
            log.info("deploy: " + request.id() + " release " + request.release().number() + " of "
                    + request.tracker() + " to " + request.environment() + " (" + request.kind().name().toLowerCase()
                    + ", image " + request.release().image().pinned() + ")");
            executor.execute(request);
        }, clock);
        engine[0] = releases;
        this.operations = new ReleaseOperations(releases);
        this.cycle = new PollCycle(trackers::list, trackers, gitHub, registry, policies, clock, pollThreads);
        this.ingestor = new ImmediateIngestor(cycle, trackers, this::onEvent, clock);
        this.status = new ReleaseStatusProvider(releases);
        this.webhooks = new Webhooks(store, policies, this::look, daemonPool("fathomable-webhook", 1), later, clock,
                log::info);
    }

    /** The REST routes' view of the store. */
    public TrackerRepository trackers() {
        return trackers;
    }

    /** Reads a tracker's file at once on POST/PUT and feeds what it finds to the release flow. */
    public Ingestor ingestor() {
        return ingestor;
    }

    public StatusProvider status() {
        return status;
    }

    /** The release flow: detailed status, history, and {@code completed} for executors. */
    public ReleaseEngine releases() {
        return releases;
    }

    /** What people do to releases (approve, reject, hold, unhold, roll back, retry), for REST routes and pages. */
    public ReleaseOperations operations() {
        return operations;
    }

    /** Where hosts hand verified webhook deliveries; looks at the trackers they concern at once. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /**
     * One pass: polls every tracker, hands each event to the release flow, then starts whatever became due (soak
     * over, window open). Failures of single trackers are in the report and their status, never thrown.
     */
    public CycleReport pollOnce() throws InterruptedException {
        return pollDue(null, Duration.ZERO);
    }

    /**
     * One scheduled pass: as {@link #pollOnce()}, but polls only the trackers {@code schedule} says are due (those
     * whose webhooks flow wait for their safety-net interval; {@code null} polls every tracker), waiting up to
     * {@code allowance} (the poll interval, typically) for GitHub request budget; trackers it cannot reach by then
     * are polled first in the next pass.
     */
    public CycleReport pollDue(SafetyNet schedule, Duration allowance) throws InterruptedException {
        Instant now = clock.instant();
        CycleReport report = cycle.run(allowance, schedule == null ? t -> true
                : t -> store.get(t.id()).map(r -> schedule.due(r, now, webhooks)).orElse(false));
        report.events().forEach(this::onEvent);
        report.errors().forEach(e -> log.info("poll: " + e.tracker() + " " + e.status() + ": " + e.message()));
        releases.reconcile();
        log.info("poll: " + report.trackers() + " trackers, " + report.events().size() + " events, "
                + report.errors().size() + " failed" + (report.deferred() == 0 ? "" : ", " + report.deferred()
                + " left for the next pass (GitHub request budget used up)") + "; requests " + report.requestSummary());
        return report;
    }

    /**
     * Hands deployments marked in progress to the executor again: after a restart an in-process executor has lost
     * them. Rendering and server-side apply are idempotent, so repeating one is safe.
     */
    public List<DeploymentRequest> resumeInterrupted() {
        List<DeploymentRequest> lost = releases.inProgress();
        for (DeploymentRequest request : lost) {
            log.info("deploy: resuming " + request.id() + " release " + request.release().number() + " of "
                    + request.tracker() + " in " + request.environment());
            executor.execute(request);
        }
        return lost;
    }

    /** A webhook's look at exactly these trackers: the poll cycle's code path, then the release flow. */
    private void look(List<Tracker> trackers) {
        CycleReport report;
        try {
            report = cycle.pollSome(trackers, lookThreads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        report.events().forEach(this::onEvent);
        report.errors().forEach(e -> log.info("webhook: " + e.tracker() + " " + e.status() + ": " + e.message()));
        log.info("webhook: looked at " + report.trackers() + " tracker" + (report.trackers() == 1 ? "" : "s") + ", "
                + report.events().size() + " events, " + report.errors().size() + " failed; requests "
                + report.requestSummary());
    }

    private static Webhooks.Later daemonScheduler() {
        java.util.concurrent.ScheduledThreadPoolExecutor timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "fathomable-webhook-recheck");
                    t.setDaemon(true);
                    return t;
                });
        timer.setKeepAliveTime(30, java.util.concurrent.TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no thread left behind by an idle (or replaced) engine
        return (delay, task) -> timer.schedule(task, delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static ExecutorService daemonPool(String name, int threads) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads,
                30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // idle engines (rebuilt with new settings) leave no threads behind
        return pool;
    }

    private void onEvent(TrackerEvent event) {
        log.info("event: " + describe(event));
        try {
            releases.onEvent(event);
        } catch (NoSuchTrackerException e) {
            // deleted since the poll saw it
        } catch (RuntimeException e) {
            // one refused event must not cost the other trackers their pass
            log.info("event refused: " + event.tracker() + " " + event.getClass().getSimpleName() + ": " + e);
        }
    }

    static String describe(TrackerEvent event) {
        String id = event.tracker().toString();
        if (event instanceof TrackerEvent.Ingested e) {
            return id + " ingested: config " + abbrev(e.config().blobSha()) + " at " + abbrev(e.config().commitSha())
                    + ", image " + e.image().repository() + ":" + e.image().tag() + "@" + e.image().digest();
        }
        if (event instanceof TrackerEvent.ConfigChanged e) {
            return id + " config changed: blob " + abbrev(e.previous().blobSha()) + " -> "
                    + abbrev(e.current().blobSha()) + " at " + abbrev(e.current().commitSha())
                    + " (held until the image changes)";
        }
        if (event instanceof TrackerEvent.ImageUpdated e) {
            return id + " image updated: " + e.current().repository() + ":" + e.current().tag() + " "
                    + e.previous().digest() + " -> " + e.current().digest();
        }
        TrackerEvent.NewImageVersion e = (TrackerEvent.NewImageVersion) event;
        return id + " new image version: " + e.current().repository() + " " + e.previous().tag() + " -> "
                + e.current().tag();
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

}
