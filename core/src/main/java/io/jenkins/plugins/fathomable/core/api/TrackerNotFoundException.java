package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;

/** No tracker with this id (404). */
public class TrackerNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrackerNotFoundException(TrackerId id) {
        super("no tracker " + id);
    }
}
