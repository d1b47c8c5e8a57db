package io.jenkins.plugins.fathomable.core.store;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;

/** The tracker asked for is not stored (never created, or deleted meanwhile). */
public class NoSuchTrackerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TrackerId id;

    public NoSuchTrackerException(TrackerId id) {
        super("no tracker " + id);
        this.id = id;
    }

    public TrackerId id() {
        return id;
    }
}
