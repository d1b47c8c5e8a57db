package io.jenkins.plugins.fathomable.engine;

import io.jenkins.plugins.fathomable.core.store.TrackerExistsException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the store in step with the trackers of the global configuration: new ones are created, changed definitions
 * replaced (keeping observations and releases), and trackers removed from the configuration are removed from the
 * store too. Which ids came from the configuration is remembered ({@link Memory}), so REST trackers are never
 * touched and a removal is noticed across restarts.
 */
final class ConfiguredTrackers {

    /** Where the ids of the configured trackers are remembered between passes and restarts. */
    interface Memory {
        Set<TrackerId> load();

        void save(Set<TrackerId> ids);
    }

    private final TrackerStore store;
    private final Supplier<List<Tracker>> configured;
    private final Memory memory;
    private Object syncedRevision;

    ConfiguredTrackers(TrackerStore store, Supplier<List<Tracker>> configured, Memory memory) {
        this.store = Objects.requireNonNull(store, "store");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** The ids currently defined by the configuration. */
    Set<TrackerId> ids() {
        return configured.get().stream().map(Tracker::id).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Syncs unless the configuration's trackers are still the {@code revision} last synced (compared by identity:
     * the configuration replaces its list whenever trackers are set), so every use of the engine can ask cheaply.
     */
    synchronized void syncIfChanged(Object revision, Consumer<String> log) {
        if (revision == null || revision != syncedRevision) {
            sync(log);
            syncedRevision = revision;
        }
    }

    synchronized void sync(Consumer<String> log) {
        List<Tracker> trackers = configured.get();
        Set<TrackerId> now = new HashSet<>();
        for (Tracker tracker : trackers) {
            now.add(tracker.id());
            var existing = store.get(tracker.id());
            if (existing.isEmpty()) {
                try {
                    store.create(TrackerRecord.of(tracker));
                    log.accept("tracker " + tracker.id() + " added from the configuration");
                } catch (TrackerExistsException e) {
                    // created concurrently (e.g. through REST): the configuration takes it over below next pass
                }
            } else if (!existing.get().tracker().equals(tracker)) {
                store.update(tracker.id(), r -> r.withTracker(tracker));
                log.accept("tracker " + tracker.id() + " updated from the configuration");
            }
        }
        for (TrackerId gone : memory.load()) {
            if (!now.contains(gone) && store.delete(gone)) {
                log.accept("tracker " + gone + " removed: no longer in the configuration");
            }
        }
        memory.save(now);
    }
}
