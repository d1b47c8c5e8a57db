package io.jenkins.plugins.fathomable.core.event;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Instant;

/**
 * What a poll found. Plain values: the poll cycle emits them, the release flow consumes them.
 */
public sealed interface TrackerEvent permits TrackerEvent.Ingested, TrackerEvent.ConfigChanged,
        TrackerEvent.ImageUpdated, TrackerEvent.NewImageVersion {

    TrackerId tracker();

    Instant at();

    /** First successful poll of a tracker: the current config and image, released to the first environment. */
    record Ingested(TrackerId tracker, Instant at, ConfigRevision config, ImageVersion image) implements TrackerEvent {}

    /** {@code fathomable.yaml} has a new blob SHA (seed scenario 1): held until the container changes. */
    record ConfigChanged(TrackerId tracker, Instant at, ConfigRevision previous, ConfigRevision current)
            implements TrackerEvent {}

    /** Same tag, new digest (seed scenario 2). */
    record ImageUpdated(TrackerId tracker, Instant at, ImageVersion previous, ImageVersion current)
            implements TrackerEvent {}

    /** A new SemVer tag satisfies the tracker's constraint (seed scenario 3). */
    record NewImageVersion(TrackerId tracker, Instant at, ImageVersion previous, ImageVersion current)
            implements TrackerEvent {}
}
