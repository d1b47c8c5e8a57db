package io.jenkins.plugins.fathomable.core.store;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;

/** A tracker with this id is already stored. */
public class TrackerExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TrackerId id;

    public TrackerExistsException(TrackerId id) {
        super("tracker " + id + " already exists");
        this.id = id;
    }

    public TrackerId id() {
        return id;
    }
}
