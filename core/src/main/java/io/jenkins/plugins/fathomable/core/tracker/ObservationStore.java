package io.jenkins.plugins.fathomable.core.tracker;

import java.util.Optional;

/** Where the poll cycle keeps what it last saw of each tracker. */
public interface ObservationStore {

    Optional<TrackerObservation> observation(TrackerId id);

    void saveObservation(TrackerId id, TrackerObservation observation);
}
