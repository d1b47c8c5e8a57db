package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A thread-safe {@link TrackerRepository} in memory. Tracker and observation live in one entry so that each
 * change is a single atomic map operation and an observation can never outlive its tracker.
 */
public class InMemoryTrackerRepository implements TrackerRepository {

    private record Entry(Tracker tracker, TrackerObservation observation) {}

    private final ConcurrentMap<TrackerId, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean createIfAbsent(Tracker tracker) {
        Objects.requireNonNull(tracker, "tracker");
        return entries.putIfAbsent(tracker.id(), new Entry(tracker, TrackerObservation.NONE)) == null;
    }

    @Override
    public boolean replace(Tracker tracker) {
        Objects.requireNonNull(tracker, "tracker");
        return entries.computeIfPresent(tracker.id(), (id, e) -> new Entry(tracker, e.observation())) != null;
    }

    @Override
    public Optional<Tracker> delete(TrackerId id) {
        return Optional.ofNullable(entries.remove(id)).map(Entry::tracker);
    }

    @Override
    public Optional<Tracker> get(TrackerId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::tracker);
    }

    @Override
    public List<Tracker> list() {
        return entries.values().stream().map(Entry::tracker).sorted(Comparator.comparing(Tracker::id)).toList();
    }

    @Override
    public Optional<TrackerObservation> observation(TrackerId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::observation);
    }

    @Override
    public void saveObservation(TrackerId id, TrackerObservation observation) {
        Objects.requireNonNull(observation, "observation");
        entries.computeIfPresent(id, (k, e) -> new Entry(e.tracker(), observation));
    }

    /** Webhooks are received by hosts with a store; an in-memory repository has none. */
    @Override
    public WebhookTimes webhooks(TrackerId id) {
        return WebhookTimes.NONE;
    }
}
