package io.jenkins.plugins.fathomable;

import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.api.IngestResult;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubSourceFactory;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The engine as the plugin composes it from core parts, in one place so that it can be swapped for core's shared
 * composition later: the persistent {@link FileTrackerStore} (given), the poll cycle over GitHub and the registries,
 * the {@link ReleaseEngine} with its {@link ReleaseExecutor} seam, and the REST handler. Trackers from the global
 * configuration are copied into the store before each pass; trackers created through REST live only there.
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
     * @param executor   runs deployments (the pipeline executor, or a {@link ParkingReleaseExecutor})
     * @param pool       runs trackers of a pass in parallel
     */
    PluginEngine(EngineSettings settings, Supplier<List<Tracker>> trackers, FileTrackerStore store,
            ConfiguredTrackers.Memory memory, SecretStore secrets, GitHubSourceFactory gitHub, ReleaseExecutor executor,
            RequestCounter counter, Clock clock, ExecutorService pool) {
        this.store = Objects.requireNonNull(store, "store");
        this.configured = new ConfiguredTrackers(store, trackers, memory);
        RegistryClient registry = new RegistryClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .build(), settings.registries(), secrets, counter, clock, Sleeper.system());
        this.cycle = new PollCycle(() -> store.list().stream().map(TrackerRecord::tracker).toList(), store, gitHub,
                registry, new AllowListPolicyReader(new YamlImagePolicyReader(), settings.allowedHosts()), clock, pool);
        this.releases = new ReleaseEngine(store, settings.flow(), executor, clock);
        StoreTrackerRepository repository = new StoreTrackerRepository(store, configured::ids);
        this.api = new TrackerApi(new DefaultTrackerService(repository, secrets, this::ingest, this::releaseStatus, clock),
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

    private IngestResult ingest(Tracker tracker) {
        try {
            CycleReport report = cycle.pollOne(tracker);
            feed(report.events(), msg -> LOG.fine(msg));
            TrackerObservation seen = store.observation(tracker.id()).orElse(TrackerObservation.NONE);
            List<FieldError> errors = report.errors().stream()
                    .map(e -> new FieldError(tracker.sourcePath(), e.message())).toList();
            return new IngestResult(seen, errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IngestResult(TrackerObservation.NONE, List.of(new FieldError("tracker", "interrupted")));
        }
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

    private Map<String, Object> releaseStatus(TrackerId id) {
        try {
            return ReleaseSummary.of(releases.status(id));
        } catch (NoSuchTrackerException e) {
            return Map.of();
        }
    }

    /** Ids of the configured trackers, for tests and the status page. */
    Set<TrackerId> configuredIds() {
        return configured.ids();
    }

    static String describe(Set<TrackerId> ids) {
        return ids.stream().map(TrackerId::toString).sorted().collect(Collectors.joining(", "));
    }
}
