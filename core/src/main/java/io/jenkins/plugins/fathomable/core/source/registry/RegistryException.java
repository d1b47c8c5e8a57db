package io.jenkins.plugins.fathomable.core.source.registry;

import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;

/** A registry lookup that failed; {@link #status()} is what the tracker shows. Messages never hold secrets. */
public class RegistryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Status status;

    public RegistryException(Status status, String message) {
        super(message);
        this.status = status;
    }

    public RegistryException(Status status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
