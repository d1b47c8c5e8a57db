package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.ConfigFetch;
import io.jenkins.plugins.fathomable.core.source.github.GitHubSourceFactory;
import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryException;
import io.jenkins.plugins.fathomable.core.source.registry.SemVer;
import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One pass over all trackers: reads each tracker's {@code fathomable.yaml} from GitHub (conditionally, and not at
 * all while its ref stays on the commit the file was last read at), resolves
 * its image policy to a tag and digest on the registry (HEAD only), compares with what was stored, emits events
 * and stores the new observation. Identical lookups are made once per cycle; a failing tracker or registry only
 * sets that tracker's status and never stops the others. A failed poll keeps the last good config and image, so
 * the next successful poll reports changes against them.
 */
public final class PollCycle {

    private static final int LOCK_STRIPES = 256;

    private record Outcome(List<TrackerEvent> events, CycleReport.TrackerError error) {}

    private final Supplier<? extends Collection<Tracker>> trackers;
    private final ObservationStore store;
    private final GitHubSourceFactory gitHub;
    private final RegistryClient registry;
    private final ImagePolicyReader policies;
    private final Clock clock;
    private final ExecutorService executor;
    /**
     * Striped rather than one lock per tracker (about 150 bytes each, kept for ever): trackers sharing a stripe only
     * wait for each other, and a lock holder never takes another stripe, so no deadlock.
     */
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    /**
     * The file last read per (credentials, repo, ref, path): not read again while the ref stays on its commit, nor its
     * image policy parsed again (parsing every file every cycle cost about a fifth of an unchanged cycle's CPU).
     */
    private final Map<CycleLookups.ConfigKey, Read> lastRead = new ConcurrentHashMap<>();

    /** A file as read, and the policy parsed from it ({@code null} until parsed, or if it is invalid). */
    private record Read(ConfigRevision revision, ImagePolicy policy) {}

    /**
     * @param trackers  the trackers to poll, asked at the start of each cycle
     * @param store     last observations, read and replaced per tracker
     * @param gitHub    the GitHub source for a tracker's credentials id
     * @param registry  the registry client; its counter is the one reported, so give the GitHub clients the same
     *                  counter to see GitHub requests in {@link CycleReport#requests()}
     * @param policies  reads the image policy from {@code fathomable.yaml}
     * @param clock     timestamps of polls and events
     * @param executor  runs trackers in parallel; registry concurrency is bounded separately per registry
     */
    public PollCycle(Supplier<? extends Collection<Tracker>> trackers, ObservationStore store, GitHubSourceFactory gitHub,
            RegistryClient registry, ImagePolicyReader policies, Clock clock, ExecutorService executor) {
        this.trackers = Objects.requireNonNull(trackers, "trackers");
        this.store = Objects.requireNonNull(store, "store");
        this.gitHub = Objects.requireNonNull(gitHub, "gitHub");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Polls every tracker once and reports what changed and what it cost. */
    public CycleReport run() throws InterruptedException {
        return run(tracker -> true);
    }

    /**
     * Polls the trackers that are {@code due} (a host leaves out those whose webhooks flow, until their safety-net
     * poll) and reports what changed and what it cost.
     */
    public CycleReport run(Predicate<? super Tracker> due) throws InterruptedException {
        List<Tracker> all = List.copyOf(trackers.get());
        CycleReport report = poll(all.stream().filter(due).toList(), executor);
        // Forget files no tracker reads any more (deleted or re-pointed trackers).
        Set<CycleLookups.ConfigKey> live = new HashSet<>();
        all.forEach(tracker -> live.add(configKey(tracker)));
        lastRead.keySet().retainAll(live);
        return report;
    }

    /** Polls one tracker now (an immediate ingest after it is created), with the same rules as a cycle. */
    public CycleReport pollOne(Tracker tracker) throws InterruptedException {
        return poll(List.of(tracker), executor);
    }

    /**
     * Polls exactly these trackers now (a webhook named them), with the same rules as a cycle, on {@code threads}:
     * a look must not queue behind a pass of every tracker.
     */
    public CycleReport pollSome(Collection<Tracker> some, ExecutorService threads) throws InterruptedException {
        return poll(List.copyOf(some), threads);
    }

    private CycleReport poll(List<Tracker> batch, ExecutorService threads) throws InterruptedException {
        Instant started = clock.instant();
        RequestCounter counter = registry.counter();
        var before = counter.snapshot();
        CycleLookups lookups = new CycleLookups(registry);
        List<Tracker> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparing(Tracker::id));
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Tracker tracker : sorted) {
            futures.add(threads.submit(() -> pollLocked(tracker, lookups, started)));
        }
        List<TrackerEvent> events = new ArrayList<>();
        List<CycleReport.TrackerError> errors = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Outcome outcome;
            try {
                outcome = futures.get(i).get();
            } catch (ExecutionException e) {
                // pollLocked catches everything it can; this is a bug or an Error, still isolated to one tracker
                outcome = new Outcome(List.of(), new CycleReport.TrackerError(sorted.get(i).id(), Status.ERROR,
                        "unexpected failure: " + e.getCause()));
            }
            events.addAll(outcome.events());
            if (outcome.error() != null) {
                errors.add(outcome.error());
            }
        }
        return new CycleReport(started, clock.instant(), sorted.size(), events,
                RequestCounter.difference(counter.snapshot(), before), errors);
    }

    /** One tracker at a time, so a cycle and an immediate poll never interleave on the same observation. */
    private Outcome pollLocked(Tracker tracker, CycleLookups lookups, Instant started) {
        ReentrantLock lock = locks[Math.floorMod(tracker.id().hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            TrackerObservation seen = store.observation(tracker.id()).orElse(TrackerObservation.NONE);
            if (seen.lastPoll() != null && seen.lastPoll().isAfter(started)) {
                // Looked at since this cycle began (a webhook): this cycle's shared lookups may be older than what
                // that look saw, and comparing them would report a step back.
                return new Outcome(List.of(), null);
            }
            return pollTracker(tracker, lookups);
        } finally {
            lock.unlock();
        }
    }

    private Outcome pollTracker(Tracker tracker, CycleLookups lookups) {
        TrackerId id = tracker.id();
        TrackerObservation previous = store.observation(id).orElse(TrackerObservation.NONE);
        Instant now = clock.instant();
        try {
            CycleLookups.ConfigKey key = configKey(tracker);
            ConfigFetch fetch = lookups.config(key, () -> fetchConfig(tracker, key, lookups));
            if (fetch instanceof ConfigFetch.Failed failed) {
                return fail(id, previous, now, failed.status(), failed.message());
            }
            ConfigRevision config = ((ConfigFetch.Found) fetch).revision();
            Read read = lastRead.get(key);
            ImagePolicy policy = read != null && read.revision() == config ? read.policy() : null;
            if (policy == null) {
                try {
                    policy = lookups.policy(policies.read(config.content()));
                } catch (ValidationException e) {
                    return fail(id, previous, now, Status.INVALID_CONFIG,
                            tracker.sourcePath() + " at " + config.commitSha() + ": " + e.getMessage());
                }
                ImagePolicy parsed = policy;
                lastRead.computeIfPresent(key, (k, r) -> r.revision() == config ? new Read(config, parsed) : r);
            }
            ImageVersion image = resolve(policy, lookups);
            if (image.equals(previous.image())) {
                image = previous.image(); // keep one instance, shared since the cycle that first saw it
            }
            List<TrackerEvent> events = Changes.between(id, now, previous, config, image);
            store.saveObservation(id, new TrackerObservation(now, config.commitSha(), config, image, Status.OK, null));
            return new Outcome(events, null);
        } catch (RegistryException e) {
            return fail(id, previous, now, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return fail(id, previous, now, Status.ERROR, "unexpected failure: " + e);
        }
    }

    private ConfigRevision known(CycleLookups.ConfigKey key) {
        Read read = lastRead.get(key);
        return read == null ? null : read.revision();
    }

    private static CycleLookups.ConfigKey configKey(Tracker tracker) {
        return new CycleLookups.ConfigKey(tracker.credentialsId(), tracker.repo(), tracker.ref(), tracker.sourcePath());
    }

    private ConfigFetch fetchConfig(Tracker tracker, CycleLookups.ConfigKey key, CycleLookups lookups) {
        try {
            ConfigFetch fetch = gitHub.forCredentials(tracker.credentialsId())
                    .fetch(tracker.repo(), tracker.ref(), tracker.sourcePath(), known(key), lookups.gitHub());
            if (fetch instanceof ConfigFetch.Found found) {
                // the same revision (not read again) keeps its parsed policy
                lastRead.compute(key, (k, read) -> read != null && read.revision() == found.revision() ? read
                        : new Read(found.revision(), null));
            }
            return fetch;
        } catch (ValidationException e) {
            return new ConfigFetch.Failed(Status.UNAUTHORIZED, e.getMessage());
        } catch (IOException e) {
            return new ConfigFetch.Failed(Status.ERROR, "GitHub client could not be created: " + e.getMessage());
        }
    }

    private static ImageVersion resolve(ImagePolicy policy, CycleLookups lookups) throws RegistryException {
        ImageReference repository = policy.repository();
        String tag = policy.tag();
        if (!policy.isFixedTag()) {
            List<String> tags = lookups.tags(repository);
            tag = policy.semver().best(tags).map(SemVer::tag).orElseThrow(() -> new RegistryException(Status.NOT_FOUND,
                    "no tag of " + repository.name() + " satisfies " + policy.semver() + " (" + tags.size() + " tags listed)"));
        }
        return lookups.image(repository.withTag(tag));
    }

    private Outcome fail(TrackerId id, TrackerObservation previous, Instant now, Status status, String message) {
        store.saveObservation(id, new TrackerObservation(now, previous.commitSha(), previous.config(), previous.image(),
                status, message));
        return new Outcome(List.of(), new CycleReport.TrackerError(id, status, message));
    }
}
