package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import java.util.Objects;

/**
 * A validated create/replace request. When {@code token} is set, the tracker's credentials id is already
 * {@link DefaultTrackerService#secretId} of its id, and the token is to be stored under it.
 */
public record TrackerInput(Tracker tracker, Secret token) {

    public TrackerInput {
        Objects.requireNonNull(tracker, "tracker");
    }
}
