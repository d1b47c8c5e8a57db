package io.jenkins.plugins.fathomable.core.deploy;

import java.util.Objects;

/**
 * Whether a release's objects run as asked. {@code reason} says what is still missing or what went wrong, in words
 * for the person looking at the release (empty when ready).
 */
public record Readiness(State state, String reason) {

    public enum State { READY, PROGRESSING, FAILED }

    public Readiness {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public static Readiness ready() {
        return new Readiness(State.READY, "");
    }

    public static Readiness progressing(String reason) {
        return new Readiness(State.PROGRESSING, reason);
    }

    public static Readiness failed(String reason) {
        return new Readiness(State.FAILED, reason);
    }

    /** READY or FAILED: polling can stop. */
    public boolean isFinal() {
        return state != State.PROGRESSING;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? state.name() : state + ": " + reason;
    }
}
