package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import java.util.List;
import java.util.Optional;

/**
 * Where trackers and what was last observed of them are kept. Each method is atomic on its own; the service
 * serialises writes per tracker id. It is also the {@link ObservationStore} the poll cycle saves into: an
 * observation saved for an id with no tracker is dropped (the tracker was deleted meanwhile).
 */
public interface TrackerRepository extends ObservationStore {

    /** Adds {@code tracker} (with {@link TrackerObservation#NONE}); {@code false}, changing nothing, if its id exists. */
    boolean createIfAbsent(Tracker tracker);

    /** Replaces the tracker with the same id, keeping its observation; {@code false}, changing nothing, if absent. */
    boolean replace(Tracker tracker);

    /** Removes the tracker and its observation, returning what was removed. */
    Optional<Tracker> delete(TrackerId id);

    Optional<Tracker> get(TrackerId id);

    /** Every tracker, ordered by id. */
    List<Tracker> list();

    /** When a webhook last concerned the tracker, per source ({@link WebhookTimes#NONE} if never, or no tracker). */
    WebhookTimes webhooks(TrackerId id);
}
