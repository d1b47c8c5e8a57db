package io.jenkins.plugins.fathomable.core.release;

import java.time.Instant;
import java.util.Objects;

/**
 * A deployment the executor is working on, as kept in the environment's state until its outcome arrives.
 *
 * @param sequence  the number of this hand-out within its tracker (see {@link DeploymentId})
 * @param release   the release being deployed
 * @param kind      a promotion, or a rollback to the previously deployed release
 * @param startedAt when it was handed to the executor
 */
public record Deployment(long sequence, int release, Kind kind, Instant startedAt) {

    public enum Kind { PROMOTE, ROLLBACK }

    public Deployment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
