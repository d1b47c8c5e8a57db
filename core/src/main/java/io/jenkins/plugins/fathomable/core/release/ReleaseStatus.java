package io.jenkins.plugins.fathomable.core.release;

/** Where a release is on its way through the environments; see {@code docs/releases.md} for the diagram. */
public enum ReleaseStatus {
    /** Waiting to enter its environment: for soak, a window, an approval, a hold, or a busy environment. */
    QUEUED,
    /** Handed to the executor for its environment; the outcome is not known yet. */
    DEPLOYING,
    /** Deployed and ready in the last environment: its journey is over. */
    COMPLETED,
    /** Its deployment to its environment failed; the environment keeps what it had. Can be retried. */
    FAILED,
    /** A newer release took its place in the queue of its environment. */
    SUPERSEDED,
    /** Refused by a person; never promoted further. */
    REJECTED,
    /** Its environment was rolled back to the release before it; never promoted further. */
    ROLLED_BACK;

    /** Whether the release can still move on (or be retried). */
    public boolean active() {
        return this == QUEUED || this == DEPLOYING || this == FAILED;
    }
}
