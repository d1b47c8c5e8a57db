package io.jenkins.plugins.fathomable.engine;

import io.jenkins.plugins.fathomable.config.EngineSettings;
import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.dashboard.Dashboard;
import io.jenkins.plugins.fathomable.core.dashboard.GitHubWeb;
import io.jenkins.plugins.fathomable.core.engine.SpecImagePolicyReader;
import io.jenkins.plugins.fathomable.core.engine.TrackingEngine;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.webhook.SafetyNet;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The engine as the plugin composes it, in one place: core's {@link TrackingEngine} over the persistent
 * {@link FileTrackerStore} (given), with the registry allow-list in front of the spec check and the Pipeline
 * {@link ReleaseExecutor}, plus what only the plugin has: trackers from the global configuration (copied into the
 * store before each pass, read-only through REST) and a pass summary for the periodic task's log. Trackers created
 * through REST live only in the store.
 */
public final class PluginEngine {

    private static final Logger LOG = Logger.getLogger(PluginEngine.class.getName());
    /** How long a REST create or replace waits for its read of GitHub and the registry, as {@code serve} does. */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    /**
     * The threads the engine works on, owned by the host (which shuts them down).
     *
     * @param poll         runs the trackers of a pass in parallel
     * @param ingest       reads a tracker created or replaced through REST (bounded: when it refuses, the next poll
     *                     reads it)
     * @param answerWithin how long a REST answer waits for that read before saying it goes on ({@code READING})
     */
    public record Threads(ExecutorService poll, Executor ingest, Duration answerWithin) {
        public Threads {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(ingest, "ingest");
            Objects.requireNonNull(answerWithin, "answerWithin");
        }
    }

    private final FileTrackerStore store;
    private final ConfiguredTrackers configured;
    private final TrackingEngine engine;
    private final TrackerApi api;
    private final Dashboard dashboard;
    private final Object passLock = new Object();
    private final Runnable freshCredentials;

    /**
     * @param settings   validated settings (endpoint, registries, allow-list, flow)
     * @param trackers   the trackers of the global configuration, asked before each pass
     * @param store      the one store of this controller (also holds the REST trackers)
     * @param secrets    resolves credentials ids and keeps REST tokens
     * @param freshCredentials called before each pass: credentials are looked up as they are now, once a pass
     * @param gitHub     GitHub: batched lookups per credential, file reads, request budgets
     * @param proxies    how registries are reached (Jenkins' HTTP proxy settings)
     * @param executor   runs deployments (the Pipeline executor; tests pass their own)
     * @param threads    for passes and REST reads
     */
    PluginEngine(EngineSettings settings, Supplier<List<Tracker>> trackers, FileTrackerStore store,
            ConfiguredTrackers.Memory memory, SecretStore secrets, Runnable freshCredentials, GitHubReader gitHub,
            Proxies proxies,
            ReleaseExecutor executor, RequestCounter counter, Clock clock, Threads threads) {
        this.store = Objects.requireNonNull(store, "store");
        this.freshCredentials = Objects.requireNonNull(freshCredentials, "freshCredentials");
        this.configured = new ConfiguredTrackers(store, trackers, memory);
        RegistryClient registry = new RegistryClient(proxies.configure(HttpClient.newBuilder())
                .followRedirects(HttpClient.Redirect.NORMAL).build(), settings.registries(), secrets, counter, clock,
                Sleeper.system());
        // core's full spec check, behind the allow-list: no request to a host that is not allowed
        this.engine = new TrackingEngine(store, gitHub, registry,
                new AllowListPolicyReader(new SpecImagePolicyReader(), settings.allowedHosts()), settings.flow(),
                reporter -> executor, clock, threads.poll(), LOG::fine);
        this.api = new TrackerApi(new DefaultTrackerService(new GuardedTrackerRepository(engine.trackers(),
                configured::ids), secrets, engine.ingestor(), engine.status(), clock, threads.ingest(),
                threads.answerWithin()), engine.operations(),
                e -> LOG.log(Level.WARNING, "Fathomable REST request failed", e));
        // configured trackers show at once, before the next pass copies them into the store
        this.dashboard = new Dashboard(store, engine.releases(), trackers, GitHubWeb.forApi(settings.githubApiUrl()),
                clock);
    }

    public TrackerApi api() {
        return api;
    }

    /** The release flow: status, history, and {@code completed} for the executor. */
    public ReleaseEngine releases() {
        return engine.releases();
    }

    /** Approve, reject, hold, unhold, roll back, retry: the same for the REST routes and the pages. */
    public ReleaseOperations operations() {
        return engine.operations();
    }

    /** The overview and tracker pages (Manage Jenkins » Fathomable). */
    public Dashboard dashboard() {
        return dashboard;
    }

    public FileTrackerStore store() {
        return store;
    }

    /** Where verified webhook deliveries go (the GitHub plugin's hook, the registry receiver). */
    public Webhooks webhooks() {
        return engine.webhooks();
    }

    /** A pass over every tracker (Poll now), waiting up to {@code allowance} for GitHub request budget. */
    public CycleReport pollPass(PrintStream log, java.time.Duration allowance) throws InterruptedException {
        return pollPass(log, null, allowance);
    }

    /**
     * One poll pass: copies the configured trackers into the store, polls the trackers {@code schedule} says are due
     * (every tracker for {@code null}), hands each event to the release engine and starts whatever is due. Passes
     * never overlap.
     *
     * @param allowance how long the pass may wait for GitHub request budget (the poll interval); trackers it cannot
     *                  reach by then go first in the next pass
     */
    public CycleReport pollPass(PrintStream log, SafetyNet schedule, java.time.Duration allowance)
            throws InterruptedException {
        synchronized (passLock) {
            freshCredentials.run();
            configured.sync(msg -> log.println(msg));
            CycleReport report = engine.pollDue(schedule, allowance);
            report.events().forEach(e -> log.println("  " + e.tracker() + ": " + e.getClass().getSimpleName()));
            log.printf("polled %d trackers in %d ms: %d events, %d failed%s; requests %s%n", report.trackers(),
                    report.finishedAt().toEpochMilli() - report.startedAt().toEpochMilli(), report.events().size(),
                    report.errors().size(), report.deferred() == 0 ? "" : ", " + report.deferred()
                    + " left for the next pass (GitHub request budget used up)", report.requestSummary());
            report.errors().forEach(e -> log.printf("  %s: %s %s%n", e.tracker(), e.status(), e.message()));
            return report;
        }
    }

    /**
     * Copies the configured trackers into the store unless {@code revision} (the configuration's tracker list, by
     * identity) was synced already: called at every use of the engine, so a tracker of the configuration is in the
     * REST API and on the pages from the moment it is configured, not only after the next poll pass.
     */
    public void syncConfigured(Object revision) {
        configured.syncIfChanged(revision, LOG::fine);
    }

    /** Starts what soak times and windows now allow, without polling. */
    public void reconcile() {
        engine.releases().reconcile();
    }

    /** Ids of the configured trackers, for tests and the status page. */
    public Set<TrackerId> configuredIds() {
        return configured.ids();
    }

    static String describe(Set<TrackerId> ids) {
        return ids.stream().map(TrackerId::toString).sorted().collect(Collectors.joining(", "));
    }
}
