package io.jenkins.plugins.fathomable.core.webhook;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.List;

/**
 * What Fathomable made of one accepted webhook delivery.
 *
 * @param outcome  what happens now
 * @param trackers the trackers looked at now (for {@link Outcome#LOOKING}), ordered by id
 * @param message  one readable line for the sender's delivery log
 */
public record Delivery(Outcome outcome, List<TrackerId> trackers, String message) {

    public enum Outcome {
        /** The trackers concerned are being looked at (none, when no tracker follows what the hint names). */
        LOOKING,
        /** Seen before (same delivery id): acknowledged, nothing done. */
        DUPLICATE,
        /** An event Fathomable does not act on, or one that names nothing to look at. */
        IGNORED
    }

    public Delivery {
        trackers = List.copyOf(trackers);
    }
}
