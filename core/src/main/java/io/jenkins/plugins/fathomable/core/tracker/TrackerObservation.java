package io.jenkins.plugins.fathomable.core.tracker;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import java.time.Instant;

/**
 * What the last poll of one tracker saw. Persisted (as JSON) by the host's store; a value, replaced whole.
 *
 * @param lastPoll   when the tracker was last polled, {@code null} before the first poll
 * @param commitSha  the commit the ref resolved to
 * @param config     the current {@code fathomable.yaml} (commit, blob SHA, content)
 * @param image      the current image (repository, tag, digest)
 * @param status     how the last poll went
 * @param lastError  a readable reason when {@code status} is not {@link Status#OK}, never holding a secret
 */
public record TrackerObservation(Instant lastPoll, String commitSha, ConfigRevision config, ImageVersion image,
        Status status, String lastError) {

    public enum Status { NEVER_POLLED, OK, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, RATE_LIMITED, INVALID_CONFIG, REGISTRY_ERROR, ERROR }

    public static final TrackerObservation NONE = new TrackerObservation(null, null, null, null, Status.NEVER_POLLED, null);
}
