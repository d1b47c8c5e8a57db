package io.jenkins.plugins.fathomable.core.store;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The durable state of every tracker: definition, last observation, release state and history, one
 * {@link TrackerRecord} each. Implementations make each tracker's change atomic and durable before returning, and
 * serialise changes to one tracker while letting changes to different trackers proceed in parallel.
 */
public interface TrackerStore {

    /**
     * Stores a new tracker.
     *
     * @throws TrackerExistsException if a tracker with the same id is already stored
     */
    TrackerRecord create(TrackerRecord record);

    Optional<TrackerRecord> get(TrackerId id);

    /** Every stored tracker, ordered by id. */
    List<TrackerRecord> list();

    /** The ids of every stored tracker, ordered. */
    List<TrackerId> ids();

    /**
     * Replaces one tracker's record with {@code change} applied to the current one, atomically: no other update of
     * the same tracker runs in between, and once this returns the new record survives a crash. {@code change} runs
     * under the tracker's lock, so it must be quick and free of I/O; if it throws, nothing is written. Returning the
     * same (equal) record writes nothing. The tracker id of the result must not change.
     *
     * @return the record now stored
     * @throws NoSuchTrackerException if no tracker with this id is stored
     */
    TrackerRecord update(TrackerId id, UnaryOperator<TrackerRecord> change);

    /** Removes a tracker and everything stored for it; {@code false} if there was none. */
    boolean delete(TrackerId id);
}
