package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.List;
import java.util.Optional;

/**
 * What the REST routes do, in model terms. Every method either completes or changes nothing.
 */
public interface TrackerService {

    /** Every tracker with its status (no {@code releases}, no {@code validation}), ordered by id. */
    List<TrackerDetails> list();

    /** One tracker with status and {@code releases}. */
    Optional<TrackerDetails> get(TrackerId id);

    /**
     * Creates a tracker, storing its token if one is given, and ingests its file at once.
     *
     * @throws TrackerExistsException if the id is taken
     */
    TrackerDetails create(TrackerInput input);

    /**
     * Replaces a tracker; a new token replaces the stored one, no token removes it. Ingests at once.
     *
     * @throws TrackerNotFoundException if there is no such tracker
     */
    TrackerDetails replace(TrackerInput input);

    /**
     * Removes a tracker and the token stored for it. Objects already deployed stay in their clusters.
     *
     * @throws TrackerNotFoundException if there is no such tracker
     */
    void delete(TrackerId id);
}
