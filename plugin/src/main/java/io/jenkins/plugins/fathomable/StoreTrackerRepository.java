package io.jenkins.plugins.fathomable;

import io.jenkins.plugins.fathomable.core.api.TrackerRepository;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerExistsException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The REST API's trackers, kept in the engine's {@link FileTrackerStore} next to the ones from the global
 * configuration. Trackers defined in the configuration are read-only here: the configuration page (or JCasC)
 * owns them, and a REST change would be undone at the next poll.
 */
final class StoreTrackerRepository implements TrackerRepository {

    private final FileTrackerStore store;
    private final Supplier<Set<TrackerId>> configured;

    StoreTrackerRepository(FileTrackerStore store, Supplier<Set<TrackerId>> configured) {
        this.store = Objects.requireNonNull(store, "store");
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    @Override
    public boolean createIfAbsent(Tracker tracker) {
        requireNotConfigured(tracker.id()); // even before the next pass has copied it into the store
        try {
            store.create(TrackerRecord.of(tracker));
            return true;
        } catch (TrackerExistsException e) {
            return false;
        }
    }

    @Override
    public boolean replace(Tracker tracker) {
        requireNotConfigured(tracker.id());
        try {
            store.update(tracker.id(), r -> r.withTracker(tracker));
            return true;
        } catch (NoSuchTrackerException e) {
            return false;
        }
    }

    @Override
    public Optional<Tracker> delete(TrackerId id) {
        requireNotConfigured(id);
        Optional<Tracker> existing = get(id);
        return existing.isPresent() && store.delete(id) ? existing : Optional.empty();
    }

    @Override
    public Optional<Tracker> get(TrackerId id) {
        return store.get(id).map(TrackerRecord::tracker);
    }

    @Override
    public List<Tracker> list() {
        return store.list().stream().map(TrackerRecord::tracker).toList();
    }

    @Override
    public Optional<TrackerObservation> observation(TrackerId id) {
        return store.observation(id);
    }

    @Override
    public void saveObservation(TrackerId id, TrackerObservation observation) {
        store.saveObservation(id, observation);
    }

    private void requireNotConfigured(TrackerId id) {
        if (configured.get().contains(id)) {
            throw new ValidationException("id", "tracker " + id + " is defined in the global configuration "
                    + "(Manage Jenkins » System » Fathomable, or Configuration as Code); change it there");
        }
    }
}
