package io.jenkins.plugins.fathomable.core.release;

import java.util.Objects;

/**
 * One reason a queued release has not entered its environment yet: its kind, for pages that show a badge (waiting
 * for approval, for a window...), and the sentence a person reads.
 *
 * @param kind what it waits for
 * @param text the reason in words, e.g. {@code soaking in dev until 2026-11-23T09:00:00Z}
 */
public record Blocker(Kind kind, String text) {

    /** What a queued release waits for. */
    public enum Kind {
        /** The tracker or the environment is on hold. */
        HOLD,
        /** Another deployment is running in the environment. */
        BUSY,
        /** It is not (yet) deployed and ready in the previous environment, or that one is being rolled back. */
        PREVIOUS,
        /** Its soak time in the previous environment has not passed. */
        SOAK,
        /** A person has to approve it for the environment. */
        APPROVAL,
        /** The environment's release windows are closed. */
        WINDOW,
        /** The environment is no longer part of the flow. */
        REMOVED
    }

    public Blocker {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
