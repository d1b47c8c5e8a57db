package io.jenkins.plugins.fathomable.core.deploy;

/**
 * Applying stopped part-way. {@link #applied()} lists what was applied before the failure: record it with the
 * release anyway, so that a later release or rollback can prune those objects.
 */
public class ApplyException extends RuntimeException {

    private final transient Inventory applied;

    public ApplyException(String message, Inventory applied, Throwable cause) {
        super(message, cause);
        this.applied = applied;
    }

    public Inventory applied() {
        return applied;
    }
}
