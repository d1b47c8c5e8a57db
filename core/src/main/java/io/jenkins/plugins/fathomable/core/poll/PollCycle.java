package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.ConfigFetch;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryException;
import io.jenkins.plugins.fathomable.core.source.registry.SemVer;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One pass over all trackers, oldest-checked first: looks up where each tracker's {@code fathomable.yaml} stands on
 * GitHub (batched per credential, {@link GitHubPhase}), reads it only when its blob id changed, resolves its image
 * policy to a tag and digest on the registry (HEAD only), compares with what was stored, emits events and stores the
 * new observation. Identical lookups are made once per cycle; a failing tracker or registry only sets that tracker's
 * status and never stops the others; a failed poll keeps the last good config and image. A tracker whose GitHub
 * budget ran out is left as it was and goes first in the next cycle.
 */
public final class PollCycle {

    private static final int LOCK_STRIPES = 256;
    private static final Comparator<Map.Entry<Tracker, TrackerObservation>> OLDEST_FIRST = Comparator
            .comparing((Map.Entry<Tracker, TrackerObservation> e) -> e.getValue().lastPoll(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(e -> e.getKey().id());

    private record Outcome(List<TrackerEvent> events, CycleReport.TrackerError error, boolean deferred) {}

    private final Supplier<? extends Collection<Tracker>> trackers;
    private final ObservationStore store;
    private final GitHubReader gitHub;
    private final RegistryClient registry;
    private final ImagePolicyReader policies;
    private final Clock clock;
    private final ExecutorService executor;
    /**
     * Striped rather than one lock per tracker (about 150 bytes each, kept for ever): trackers sharing a stripe only
     * wait for each other, and a lock holder never takes another stripe, so no deadlock.
     */
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    /** The file last read per key, and its parse: a file is parsed once per revision, not every cycle. */
    private final Map<CycleLookups.ConfigKey, LastRead> lastRead = new ConcurrentHashMap<>();

    /**
     * @param trackers  the trackers to poll, asked at the start of each cycle
     * @param store     last observations, read and replaced per tracker
     * @param gitHub    GitHub: batched lookups per credential, file reads, the governors of the request budget
     * @param registry  the registry client; its counter is the one reported, so give the GitHub reader the same
     *                  counter to see GitHub requests in {@link CycleReport#requests()}
     * @param policies  reads the image policy from {@code fathomable.yaml}
     * @param clock     timestamps of polls and events, and the budget's minutes
     * @param executor  runs lookups and trackers in parallel; requests in flight are bounded per registry and
     *                  per GitHub credential
     */
    public PollCycle(Supplier<? extends Collection<Tracker>> trackers, ObservationStore store, GitHubReader gitHub,
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

    /** Polls every tracker once, without waiting for GitHub request budget. */
    public CycleReport run() throws InterruptedException {
        return run(Duration.ZERO);
    }

    /**
     * Polls every tracker once and reports what changed and what it cost.
     *
     * @param allowance how long the cycle may wait for GitHub request budget (the poll interval, typically); what
     *                  cannot be sent by then is deferred to the next cycle
     */
    public CycleReport run(Duration allowance) throws InterruptedException {
        return run(allowance, tracker -> true);
    }

    /**
     * As {@link #run(Duration)}, but polls only the trackers that are {@code due} (a host leaves out those whose
     * webhooks flow, until their safety-net poll). A tracker looked at since the pass began is left as that look
     * saw it: this pass's shared lookups may be older, and comparing them would report a step back.
     */
    public CycleReport run(Duration allowance, Predicate<? super Tracker> due) throws InterruptedException {
        List<Tracker> all = List.copyOf(trackers.get());
        List<Tracker> batch = all.stream().filter(due).toList();
        CycleReport report = poll(batch, clock.instant().plus(allowance), executor, true, batch.size() == all.size());
        if (batch.size() < all.size()) {
            // files of trackers left out this pass stay known; those of deleted or re-pointed trackers go
            Set<FileOf> live = new HashSet<>();
            all.forEach(t -> live.add(new FileOf(t.repo(), t.ref(), t.sourcePath())));
            lastRead.keySet().removeIf(k -> !live.contains(new FileOf(k.repo(), k.ref(), k.path())));
        }
        return report;
    }

    /** Polls one tracker now (an immediate ingest after it is created), with the same rules as a cycle. */
    public CycleReport pollOne(Tracker tracker) throws InterruptedException {
        return poll(List.of(tracker), clock.instant(), executor, false, false);
    }

    /**
     * Polls exactly these trackers now (a webhook named them), with the same rules as a cycle, on {@code threads}:
     * a look must not queue behind a pass of every tracker. It does not wait for GitHub request budget.
     */
    public CycleReport pollSome(Collection<Tracker> some, ExecutorService threads) throws InterruptedException {
        return poll(List.copyOf(some), clock.instant(), threads, false, false);
    }

    /** The content last read for this tracker's file (valid or not), without a request; for error reports. */
    public Optional<ConfigRevision> lastContent(Tracker tracker) {
        try {
            return Optional.ofNullable(lastRead.get(new CycleLookups.ConfigKey(gitHub.access(tracker.credentialsId())
                    .identity(), tracker.repo(), tracker.ref(), tracker.sourcePath()))).map(LastRead::revision);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private record FileOf(String repo, GitRef ref, String path) {}

    /**
     * @param pass         a scheduled pass: trackers looked at since it began are skipped
     * @param everyTracker {@code batch} is every tracker: what none of them needs any more is forgotten after
     */
    private CycleReport poll(List<Tracker> batch, Instant deadline, ExecutorService threads, boolean pass,
            boolean everyTracker) throws InterruptedException {
        Instant started = clock.instant();
        RequestCounter counter = registry.counter();
        var before = counter.snapshot();
        CycleLookups lookups = new CycleLookups(registry);
        Map<Tracker, TrackerObservation> previous = new IdentityHashMap<>();
        for (Tracker tracker : batch) {
            previous.put(tracker, store.observation(tracker.id()).orElse(TrackerObservation.NONE));
        }
        List<Tracker> ordered = previous.entrySet().stream().sorted(OLDEST_FIRST).map(Map.Entry::getKey).toList();
        GitHubPhase phase = new GitHubPhase(gitHub, lastRead, lookups, deadline, threads);
        List<GitHubPhase.Planned> plans = phase.plan(ordered, previous);
        // Trackers whose files are known go first: those waiting for REST budget never hold them up.
        List<GitHubPhase.Planned> sorted = new ArrayList<>(plans.size());
        plans.stream().filter(p -> !phase.readsContent(p)).forEach(sorted::add);
        plans.stream().filter(phase::readsContent).forEach(sorted::add);
        List<Future<Outcome>> futures = new ArrayList<>(sorted.size());
        for (GitHubPhase.Planned plan : sorted) {
            futures.add(threads.submit(() -> pollLocked(plan, phase.fetch(plan), lookups, pass ? started : null)));
        }
        List<TrackerEvent> events = new ArrayList<>();
        List<CycleReport.TrackerError> errors = new ArrayList<>();
        int deferred = 0;
        for (int i = 0; i < futures.size(); i++) {
            Outcome outcome;
            try {
                outcome = futures.get(i).get();
            } catch (ExecutionException e) {
                // pollLocked catches everything it can; this is a bug or an Error, still isolated to one tracker
                outcome = new Outcome(List.of(), new CycleReport.TrackerError(sorted.get(i).tracker().id(),
                        Status.ERROR, "unexpected failure: " + e.getCause()), false);
            }
            events.addAll(outcome.events());
            if (outcome.error() != null) {
                errors.add(outcome.error());
            }
            deferred += outcome.deferred() ? 1 : 0;
        }
        if (everyTracker) {
            // files no tracker reads any more (deleted or re-pointed trackers), credentials no longer used
            lastRead.keySet().retainAll(phase.keys());
            gitHub.forgetIdle();
        }
        events.sort(Comparator.comparing(TrackerEvent::tracker));
        errors.sort(Comparator.comparing(CycleReport.TrackerError::tracker));
        return new CycleReport(started, clock.instant(), batch.size(), events,
                RequestCounter.difference(counter.snapshot(), before), errors, deferred);
    }

    /**
     * One tracker at a time, so a cycle and an immediate poll never interleave on the same observation.
     *
     * @param passStarted when the scheduled pass began; {@code null} for a look, which always polls
     */
    private Outcome pollLocked(GitHubPhase.Planned plan, GitHubPhase.Fetched fetched, CycleLookups lookups,
            Instant passStarted) {
        if (fetched.fetch() instanceof ConfigFetch.Deferred) {
            return new Outcome(List.of(), null, true);
        }
        TrackerId id = plan.tracker().id();
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            TrackerObservation seen = store.observation(id).orElse(TrackerObservation.NONE);
            if (passStarted != null && seen.lastPoll() != null && seen.lastPoll().isAfter(passStarted)) {
                return new Outcome(List.of(), null, false);
            }
            return pollTracker(plan, fetched, lookups);
        } finally {
            lock.unlock();
        }
    }

    private Outcome pollTracker(GitHubPhase.Planned plan, GitHubPhase.Fetched fetched, CycleLookups lookups) {
        Tracker tracker = plan.tracker();
        TrackerId id = tracker.id();
        TrackerObservation previous = store.observation(id).orElse(TrackerObservation.NONE);
        Instant now = clock.instant();
        try {
            if (fetched.fetch() instanceof ConfigFetch.Failed failed) {
                return fail(id, previous, now, failed.status(), failed.message());
            }
            ConfigRevision config = ((ConfigFetch.Found) fetched.fetch()).revision();
            ImagePolicy policy = policy(plan.key(), config, lookups);
            if (policy == null) {
                return fail(id, previous, now, Status.INVALID_CONFIG, tracker.sourcePath() + " at "
                        + config.commitSha() + ": " + lastRead.get(plan.key()).invalid());
            }
            ImageVersion image = resolve(policy, lookups);
            if (image.equals(previous.image())) {
                image = previous.image(); // keep one instance, shared since the cycle that first saw it
            }
            List<TrackerEvent> events = Changes.between(id, now, previous, config, image);
            String commit = fetched.commitSha() == null ? config.commitSha() : fetched.commitSha();
            if (commit.equals(previous.commitSha())) {
                commit = previous.commitSha();
            }
            store.saveObservation(id, new TrackerObservation(now, commit, config, image, Status.OK, null));
            return new Outcome(events, null, false);
        } catch (RegistryException e) {
            return fail(id, previous, now, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return fail(id, previous, now, Status.ERROR, "unexpected failure: " + e);
        }
    }

    /** The revision's policy, parsed once per revision ({@code null} when the file is invalid, the reason kept). */
    private ImagePolicy policy(CycleLookups.ConfigKey key, ConfigRevision config, CycleLookups lookups) {
        LastRead read = lastRead.get(key);
        if (read != null && read.revision() == config && (read.policy() != null || read.invalid() != null)) {
            return read.policy();
        }
        LastRead parsed;
        try {
            parsed = new LastRead(config, lookups.policy(policies.read(config.content())), null);
        } catch (ValidationException e) {
            parsed = new LastRead(config, null, e.getMessage());
        }
        lastRead.put(key, parsed);
        return parsed.policy();
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

    /** Keeps the last good config and image; an unchanged failure is not written again. */
    private Outcome fail(TrackerId id, TrackerObservation previous, Instant now, Status status, String message) {
        if (status != previous.status() || !message.equals(previous.lastError())) {
            store.saveObservation(id, new TrackerObservation(now, previous.commitSha(), previous.config(),
                    previous.image(), status, message));
        }
        return new Outcome(List.of(), new CycleReport.TrackerError(id, status, message), false);
    }
}
