package io.jenkins.plugins.fathomable.core.release;

/**
 * An operation does not fit the release's current state (rejecting a release that is deploying, rolling back an
 * environment with nothing to roll back to). Nothing was changed; the REST layer answers 409.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
