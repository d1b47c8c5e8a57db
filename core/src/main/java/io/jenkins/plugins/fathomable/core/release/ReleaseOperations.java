package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.Printable;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Objects;

/**
 * What people (and their automation) do to a tracker's releases, written once for every place that offers it: the
 * REST routes of both hosts, the Jenkins pages and {@code serve}'s pages. Each operation is one atomic change of the
 * tracker, recorded in its history with {@code actor} (who asked), after which the engine starts whatever became
 * due. Hosts check permissions before calling.
 *
 * <p>Each method either changes the tracker or throws before changing anything:
 * {@link NoSuchTrackerException} (no such tracker), {@link NoSuchReleaseException} (no such release),
 * {@link ConflictException} (the operation does not fit the current state; the message says why), or
 * {@link ValidationException} (a missing or unknown environment, a blank actor, an unprintable reason).
 */
public final class ReleaseOperations {

    /** Longest reason kept for a rejection. */
    public static final int MAX_REASON = 500;

    private final ReleaseEngine releases;

    public ReleaseOperations(ReleaseEngine releases) {
        this.releases = Objects.requireNonNull(releases, "releases");
    }

    /**
     * Lets release {@code release} enter {@code environment}, which must require approval; the release may still be
     * on its way there (an approval ahead of time).
     */
    public void approve(TrackerId tracker, int release, String environment, String actor) {
        releases.approve(tracker, release, environment(environment), actor);
    }

    /** Stops a queued or failed release for good; rejecting a rejected release again changes nothing. */
    public void reject(TrackerId tracker, int release, String reason, String actor) {
        releases.reject(tracker, release, reason(reason, actor), actor);
    }

    /** Nothing of this tracker is deployed until {@link #unhold}; holding a held tracker changes nothing. */
    public void hold(TrackerId tracker, String actor) {
        releases.hold(tracker, actor);
    }

    /** Lets releases of this tracker move again; unholding a tracker not on hold changes nothing. */
    public void unhold(TrackerId tracker, String actor) {
        releases.unhold(tracker, actor);
    }

    /**
     * Deploys the release {@code environment} had before its current one again, now (regardless of windows, soak,
     * approvals and holds); refused while the environment is busy or has nothing to go back to.
     */
    public void rollback(TrackerId tracker, String environment, String actor) {
        releases.rollback(tracker, environment(environment), actor);
    }

    /** Queues a failed release again for the environment it failed in. */
    public void retry(TrackerId tracker, int release, String actor) {
        releases.retry(tracker, release, actor);
    }

    private static String environment(String environment) {
        if (environment == null || environment.isBlank()) {
            throw new ValidationException("environment", "is required: the environment to act on, e.g. prod");
        }
        return environment.trim();
    }

    private static String reason(String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            return "rejected by " + (actor == null ? "someone" : actor.trim());
        }
        String r = reason.trim();
        if (r.length() > MAX_REASON) {
            throw new ValidationException("reason", "must be at most " + MAX_REASON + " characters, got " + r.length());
        }
        if (!Printable.isClean(r, MAX_REASON)) {
            throw new ValidationException("reason", "must be one line of printable text");
        }
        return r;
    }
}
