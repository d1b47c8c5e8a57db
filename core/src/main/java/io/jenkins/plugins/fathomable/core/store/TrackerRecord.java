package io.jenkins.plugins.fathomable.core.store;

import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.ReleaseState;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import java.util.List;
import java.util.Objects;

/**
 * Everything kept for one tracker, replaced whole on every change. Holds no secret: the tracker names its
 * credentials by id only.
 *
 * @param tracker     the definition (repository, path, ref, credentials id)
 * @param observation what the last poll saw
 * @param releases    pending config, releases, per-environment slots and holds
 * @param history     every state change, oldest first
 * @param webhooks    when a webhook last concerned the tracker, per source
 */
public record TrackerRecord(Tracker tracker, TrackerObservation observation, ReleaseState releases,
        List<HistoryEntry> history, WebhookTimes webhooks) {

    public TrackerRecord {
        Objects.requireNonNull(tracker, "tracker");
        observation = observation == null ? TrackerObservation.NONE : observation;
        releases = releases == null ? ReleaseState.EMPTY : releases;
        history = history == null ? List.of() : List.copyOf(history);
        webhooks = webhooks == null ? WebhookTimes.NONE : webhooks;
    }

    /** A record no webhook has concerned yet. */
    public TrackerRecord(Tracker tracker, TrackerObservation observation, ReleaseState releases,
            List<HistoryEntry> history) {
        this(tracker, observation, releases, history, WebhookTimes.NONE);
    }

    /** A tracker that was never polled and has no releases yet. */
    public static TrackerRecord of(Tracker tracker) {
        return new TrackerRecord(tracker, TrackerObservation.NONE, ReleaseState.EMPTY, List.of(), WebhookTimes.NONE);
    }

    public TrackerId id() {
        return tracker.id();
    }

    public TrackerRecord withTracker(Tracker newTracker) {
        return new TrackerRecord(newTracker, observation, releases, history, webhooks);
    }

    public TrackerRecord withObservation(TrackerObservation newObservation) {
        return new TrackerRecord(tracker, newObservation, releases, history, webhooks);
    }

    public TrackerRecord withReleases(ReleaseState newReleases) {
        return new TrackerRecord(tracker, observation, newReleases, history, webhooks);
    }

    public TrackerRecord withHistory(List<HistoryEntry> newHistory) {
        return new TrackerRecord(tracker, observation, releases, newHistory, webhooks);
    }

    public TrackerRecord withWebhooks(WebhookTimes newWebhooks) {
        return new TrackerRecord(tracker, observation, releases, history, newWebhooks);
    }
}
