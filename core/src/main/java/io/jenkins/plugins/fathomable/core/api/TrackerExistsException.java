package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;

/** A create for an id that is taken (409). */
public class TrackerExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrackerExistsException(TrackerId id) {
        super("tracker " + id + " already exists; use PUT /trackers/" + id + " to replace it");
    }
}
