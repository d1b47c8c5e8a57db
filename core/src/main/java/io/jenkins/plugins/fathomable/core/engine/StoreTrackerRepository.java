package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.api.TrackerRepository;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerExistsException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST routes' {@link TrackerRepository} over the release engine's {@link TrackerStore}: definition,
 * observation, releases and history of a tracker live in one record, so there is one store of truth and a tracker
 * deleted through the API is gone for the release engine too.
 */
public final class StoreTrackerRepository implements TrackerRepository {

    private final TrackerStore store;

    public StoreTrackerRepository(TrackerStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public boolean createIfAbsent(Tracker tracker) {
        try {
            store.create(TrackerRecord.of(tracker));
            return true;
        } catch (TrackerExistsException e) {
            return false;
        }
    }

    /** Keeps observation, releases and history: a replaced tracker carries on from where it was. */
    @Override
    public boolean replace(Tracker tracker) {
        try {
            store.update(tracker.id(), r -> r.withTracker(tracker));
            return true;
        } catch (NoSuchTrackerException e) {
            return false;
        }
    }

    @Override
    public Optional<Tracker> delete(TrackerId id) {
        Optional<TrackerRecord> record = store.get(id);
        return record.isPresent() && store.delete(id) ? record.map(TrackerRecord::tracker) : Optional.empty();
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
        return store.get(id).map(TrackerRecord::observation);
    }

    @Override
    public WebhookTimes webhooks(TrackerId id) {
        return store.get(id).map(TrackerRecord::webhooks).orElse(WebhookTimes.NONE);
    }

    /** Dropped when the tracker was deleted meanwhile (a poll finishing after a DELETE). */
    @Override
    public void saveObservation(TrackerId id, TrackerObservation observation) {
        Objects.requireNonNull(observation, "observation");
        try {
            store.update(id, r -> r.withObservation(observation));
        } catch (NoSuchTrackerException e) {
            // deleted meanwhile: nothing to keep
        }
    }
}
