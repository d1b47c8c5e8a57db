package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A mutable working copy of one tracker's release state, used inside a single {@code TrackerStore.update}: the rules
 * change it step by step, every change writes a history entry, and {@link #result()} turns it back into a record.
 * Never shared between threads.
 */
final class ReleaseLedger {

    /** Releases kept beyond those still active or referenced by an environment. */
    static final int KEEP_RELEASES = 50;
    /** History entries kept per tracker, newest last, so a tracker's file stays bounded. */
    static final int KEEP_HISTORY = 1000;

    private final TrackerRecord original;
    private final Instant now;
    private String actor;
    private int lastRelease;
    private long lastDeployment;
    private ConfigRevision currentConfig;
    private ConfigRevision pendingConfig;
    private final TreeMap<Integer, Release> releases = new TreeMap<>();
    private final TreeMap<String, EnvironmentState> environments;
    private boolean held;
    private final TreeSet<String> heldEnvironments;
    private final List<HistoryEntry> history;

    ReleaseLedger(TrackerRecord record, Instant now, String actor) {
        this.original = record;
        this.now = now;
        this.actor = actor;
        ReleaseState s = record.releases();
        lastRelease = s.lastRelease();
        lastDeployment = s.lastDeployment();
        currentConfig = s.currentConfig();
        pendingConfig = s.pendingConfig();
        s.releases().forEach(r -> releases.put(r.number(), r));
        environments = new TreeMap<>(s.environments());
        held = s.held();
        heldEnvironments = new TreeSet<>(s.heldEnvironments());
        history = new ArrayList<>(record.history());
    }

    TrackerId tracker() {
        return original.id();
    }

    Instant now() {
        return now;
    }

    /** Later entries are recorded as done by {@code newActor} (the engine, after a person's operation). */
    void actAs(String newActor) {
        actor = newActor;
    }

    TrackerRecord original() {
        return original;
    }

    ReleaseState state() {
        return new ReleaseState(lastRelease, lastDeployment, currentConfig, pendingConfig,
                new ArrayList<>(releases.values()), environments, held, heldEnvironments);
    }

    TrackerRecord result() {
        prune();
        int from = Math.max(0, history.size() - KEEP_HISTORY);
        return original.withReleases(state()).withHistory(history.subList(from, history.size()));
    }

    void record(String action, Integer release, String env, String from, String to, String detail, String runUrl) {
        history.add(new HistoryEntry(now, actor, action, release, env, from, to, detail, runUrl));
    }

    // --- config -------------------------------------------------------------------------------------------------

    ConfigRevision currentConfig() {
        return currentConfig;
    }

    ConfigRevision pendingConfig() {
        return pendingConfig;
    }

    void setPendingConfig(ConfigRevision config, String detail) {
        if (config == null ? pendingConfig == null : config.equals(pendingConfig)) {
            return;
        }
        record(config == null ? "config-cleared" : "config-pending", null, null,
                pendingConfig == null ? null : "pending " + shortSha(pendingConfig.blobSha()),
                config == null ? null : "pending " + shortSha(config.blobSha()), detail, null);
        pendingConfig = config;
    }

    void setCurrentConfig(ConfigRevision config) {
        currentConfig = config;
    }

    // --- releases -----------------------------------------------------------------------------------------------

    Optional<Release> release(int number) {
        return Optional.ofNullable(releases.get(number));
    }

    Release requireRelease(int number) {
        return release(number).orElseThrow(() -> new NoSuchReleaseException(tracker(), number));
    }

    Optional<Release> newest() {
        return releases.isEmpty() ? Optional.empty() : Optional.of(releases.lastEntry().getValue());
    }

    Optional<Release> queued(String env) {
        return releases.descendingMap().values().stream()
                .filter(r -> r.status() == ReleaseStatus.QUEUED && r.environment().equals(env)).findFirst();
    }

    /** Makes a new release with the next number; it is not queued yet. */
    Release newRelease(ImageVersion image, ConfigRevision config, String origin, String firstEnv) {
        Release r = new Release(++lastRelease, image, config, now, origin, ReleaseStatus.QUEUED, firstEnv, Set.of(),
                null);
        releases.put(r.number(), r);
        record("created", r.number(), firstEnv, null, r.stage(),
                origin + ": " + image.repository() + ":" + image.tag() + "@" + image.digest() + ", config "
                        + shortSha(config.blobSha()) + " at " + shortSha(config.commitSha()), null);
        return r;
    }

    /**
     * Puts {@code r} in {@code env}'s queue. The queue holds one release: the newer of the two supersedes the other,
     * so an older release arriving late never replaces a newer one.
     */
    void enqueue(Release r, String env, String action, String runUrl) {
        List<Release> others = releases.values().stream()
                .filter(q -> q.number() != r.number() && q.status() == ReleaseStatus.QUEUED && q.environment().equals(env))
                .toList();
        Optional<Release> newer = others.stream().filter(q -> q.number() > r.number()).findFirst();
        if (newer.isPresent()) {
            move(r, ReleaseStatus.SUPERSEDED, env, "release " + newer.get().number() + " is newer", "superseded", runUrl);
            return;
        }
        others.forEach(q -> move(q, ReleaseStatus.SUPERSEDED, env, "superseded by release " + r.number(), "superseded",
                null));
        Release current = releases.getOrDefault(r.number(), r);
        if (current.status() != ReleaseStatus.QUEUED || !current.environment().equals(env)) {
            move(current, ReleaseStatus.QUEUED, env, null, action, runUrl);
        }
    }

    /** Changes a release's status and records it. */
    Release move(Release r, ReleaseStatus status, String env, String reason, String action, String runUrl) {
        Release current = releases.getOrDefault(r.number(), r);
        Release next = current.moveTo(status, env, reason);
        releases.put(next.number(), next);
        record(action, next.number(), env, current.stage(), next.stage(), reason, runUrl);
        return next;
    }

    void put(Release r) {
        releases.put(r.number(), r);
    }

    List<Release> releases() {
        return new ArrayList<>(releases.values());
    }

    // --- environments -------------------------------------------------------------------------------------------

    EnvironmentState environment(String env) {
        return environments.getOrDefault(env, EnvironmentState.EMPTY);
    }

    void setEnvironment(String env, EnvironmentState state) {
        environments.put(env, state);
    }

    /** Marks a deployment of {@code release} to {@code env} in progress; the engine hands it out after the write. */
    Deployment start(int release, String env, Deployment.Kind kind) {
        Deployment d = new Deployment(++lastDeployment, release, kind, now);
        environments.put(env, environment(env).start(d));
        return d;
    }

    // --- holds --------------------------------------------------------------------------------------------------

    boolean held() {
        return held;
    }

    boolean setHeld(boolean value) {
        boolean changed = held != value;
        held = value;
        return changed;
    }

    boolean heldEnvironment(String env) {
        return heldEnvironments.contains(env);
    }

    boolean setHeldEnvironment(String env, boolean value) {
        return value ? heldEnvironments.add(env) : heldEnvironments.remove(env);
    }

    // Keeps every release still on its way or deployed somewhere, plus the newest KEEP_RELEASES.
    private void prune() {
        Set<Integer> keep = new HashSet<>();
        environments.values().forEach(e -> {
            keep.add(e.deployed());
            keep.add(e.previous());
            if (e.inProgress() != null) {
                keep.add(e.inProgress().release());
            }
        });
        List<Integer> numbers = new ArrayList<>(releases.keySet());
        int cut = numbers.size() - KEEP_RELEASES;
        for (int i = 0; i < cut; i++) {
            Release r = releases.get(numbers.get(i));
            if (!r.status().active() && !keep.contains(r.number())) {
                releases.remove(r.number());
            }
        }
    }

    static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
