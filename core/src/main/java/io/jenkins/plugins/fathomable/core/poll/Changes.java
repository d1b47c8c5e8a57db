package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The events between what a tracker showed last time and what a successful poll sees now. */
final class Changes {

    private Changes() {}

    static List<TrackerEvent> between(TrackerId id, Instant at, TrackerObservation previous, ConfigRevision config,
            ImageVersion image) {
        if (previous.config() == null || previous.image() == null) {
            return List.of(new TrackerEvent.Ingested(id, at, config, image));
        }
        List<TrackerEvent> events = new ArrayList<>(2);
        // A new commit that leaves the file's blob SHA alone is not a change of configuration.
        if (!previous.config().blobSha().equals(config.blobSha())) {
            events.add(new TrackerEvent.ConfigChanged(id, at, previous.config(), config));
        }
        ImageVersion before = previous.image();
        if (!before.repository().equals(image.repository()) || !before.tag().equals(image.tag())) {
            events.add(new TrackerEvent.NewImageVersion(id, at, before, image));
        } else if (!before.digest().equals(image.digest())) {
            events.add(new TrackerEvent.ImageUpdated(id, at, before, image));
        }
        return events;
    }
}
