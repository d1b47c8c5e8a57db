package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link ObservationStore} in memory, for the CLI, benchmarks and tests. Nothing survives a restart. */
public final class InMemoryObservationStore implements ObservationStore {

    private final Map<TrackerId, TrackerObservation> observations = new ConcurrentHashMap<>();

    @Override
    public Optional<TrackerObservation> observation(TrackerId id) {
        return Optional.ofNullable(observations.get(id));
    }

    @Override
    public void saveObservation(TrackerId id, TrackerObservation observation) {
        observations.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(observation, "observation"));
    }

    /** Everything stored, as an immutable copy. */
    public Map<TrackerId, TrackerObservation> all() {
        return Map.copyOf(observations);
    }
}
