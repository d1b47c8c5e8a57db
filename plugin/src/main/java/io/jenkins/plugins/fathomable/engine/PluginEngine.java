package io.jenkins.plugins.fathomable.engine;

import io.jenkins.plugins.fathomable.config.EngineSettings;
import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.engine.ImmediateIngestor;
import io.jenkins.plugins.fathomable.core.engine.ReleaseStatusProvider;
import io.jenkins.plugins.fathomable.core.engine.SpecImagePolicyReader;
import io.jenkins.plugins.fathomable.core.engine.StoreTrackerRepository;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubSourceFactory;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The engine as the plugin composes it, in one place: the persistent {@link FileTrackerStore} (given), the poll
 * cycle over GitHub and the registries, the {@link ReleaseEngine} with its {@link ReleaseExecutor} seam, and the
 * REST handler, mostly from core's {@code engine} package (repository, immediate ingest, release status, spec
 * check). Not core's {@code TrackingEngine} itself: the plugin adds the registry allow-list in front of the spec
 * check, trackers from the global configuration (copied into the store before each pass, read-only through REST)
 * and a pass log for the periodic task. Trackers created through REST live only in the store.
 */
public final class PluginEngine {

    private static final Logger LOG = Logger.getLogger(PluginEngine.class.getName());

    private final FileTrackerStore store;
    private final ConfiguredTrackers configured;
    private final PollCycle cycle;
    private final ReleaseEngine releases;
    private final TrackerApi api;
    private final Object passLock = new Object();

    /**
     * @param settings   validated settings (endpoint, registries, allow-list, flow)
     * @param trackers   the trackers of the global configuration, asked before each pass
     * @param store      the one store of this controller (also holds the REST trackers)
     * @param secrets    resolves credentials ids and keeps REST tokens
     * @param gitHub     GitHub sources by credentials id
     * @param executor   runs deployments (the Pipeline executor; tests pass their own)
     * @param pool       runs trackers of a pass in parallel
     */
    PluginEngine(EngineSettings settings, Supplier<List<Tracker>> trackers, FileTrackerStore store,
            ConfiguredTrackers.Memory memory, SecretStore secrets, GitHubSourceFactory gitHub, ReleaseExecutor executor,
            RequestCounter counter, Clock clock, ExecutorService pool) {
        this.store = Objects.requireNonNull(store, "store");
        this.configured = new ConfiguredTrackers(store, trackers, memory);
        StoreTrackerRepository stored = new StoreTrackerRepository(store);
        RegistryClient registry = new RegistryClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .build(), settings.registries(), secrets, counter, clock, Sleeper.system());
        // core's full spec check, behind the allow-list: no request to a host that is not allowed
        this.cycle = new PollCycle(stored::list, stored, gitHub, registry,
                new AllowListPolicyReader(new SpecImagePolicyReader(), settings.allowedHosts()), clock, pool);
        this.releases = new ReleaseEngine(store, settings.flow(), executor, clock);
        ImmediateIngestor ingestor = new ImmediateIngestor(cycle, stored, gitHub,
                event -> feed(List.of(event), line -> LOG.fine(line)), clock);
        this.api = new TrackerApi(new DefaultTrackerService(new GuardedTrackerRepository(stored, configured::ids),
                secrets, ingestor, new ReleaseStatusProvider(releases), clock),
                e -> LOG.log(Level.WARNING, "Fathomable REST request failed", e));
    }

    public TrackerApi api() {
        return api;
    }

    /** The release flow: status, approve, reject, hold, rollback, and {@code completed} for the executor. */
    public ReleaseEngine releases() {
        return releases;
    }

    public FileTrackerStore store() {
        return store;
    }

    /**
     * One poll pass: copies the configured trackers into the store, polls every tracker, hands each event to the
     * release engine and starts whatever is due. Passes never overlap.
     */
    public CycleReport pollPass(PrintStream log) throws InterruptedException {
        synchronized (passLock) {
            configured.sync(msg -> log.println(msg));
            CycleReport report = cycle.run();
            feed(report.events(), log::println);
            releases.reconcile();
            log.printf("polled %d trackers in %d ms: %d events, %d failed; requests %s%n", report.trackers(),
                    report.finishedAt().toEpochMilli() - report.startedAt().toEpochMilli(), report.events().size(),
                    report.errors().size(), report.requests());
            report.errors().forEach(e -> log.printf("  %s: %s %s%n", e.tracker(), e.status(), e.message()));
            return report;
        }
    }

    /** Starts what soak times and windows now allow, without polling. */
    public void reconcile() {
        releases.reconcile();
    }

    private void feed(List<TrackerEvent> events, Consumer<String> log) {
        for (TrackerEvent event : events) {
            try {
                releases.onEvent(event);
                log.accept("  " + event.tracker() + ": " + event.getClass().getSimpleName());
            } catch (NoSuchTrackerException e) {
                // deleted during the pass
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "release engine refused " + event.getClass().getSimpleName() + " of "
                        + event.tracker(), e);
            }
        }
    }

    /** Ids of the configured trackers, for tests and the status page. */
    public Set<TrackerId> configuredIds() {
        return configured.ids();
    }

    static String describe(Set<TrackerId> ids) {
        return ids.stream().map(TrackerId::toString).sorted().collect(Collectors.joining(", "));
    }
}
