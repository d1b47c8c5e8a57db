package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One release of a tracker: an image pinned by digest and a {@code fathomable.yaml} revision with its content, so it
 * renders the same objects byte for byte whenever it is deployed again (rollback, retry).
 *
 * @param number      the release id, unique within its tracker and never reused (1, 2, 3...)
 * @param image       repository, tag and digest
 * @param config      commit, blob SHA and content of {@code fathomable.yaml}
 * @param createdAt   when the event that made it was seen
 * @param origin      what made it: {@code ingested}, {@code image-updated} or {@code new-image-version}
 * @param status      where it is on its way
 * @param environment the environment {@code status} refers to
 * @param approvals   environments a person has approved it for
 * @param reason      why it failed, was rejected, superseded or rolled back; {@code null} otherwise
 */
public record Release(int number, ImageVersion image, ConfigRevision config, Instant createdAt, String origin,
        ReleaseStatus status, String environment, Set<String> approvals, String reason) {

    public Release {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(environment, "environment");
        approvals = approvals == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(approvals));
    }

    /** {@code QUEUED dev}: the status and the environment it refers to, as history shows it. */
    public String stage() {
        return status + " " + environment;
    }

    public Release moveTo(ReleaseStatus newStatus, String newEnvironment, String newReason) {
        return new Release(number, image, config, createdAt, origin, newStatus, newEnvironment, approvals, newReason);
    }

    public Release approvedFor(String env) {
        Set<String> more = new TreeSet<>(approvals);
        more.add(env);
        return new Release(number, image, config, createdAt, origin, status, environment, more, reason);
    }

    /** Same image digest and the same config blob: rendering both gives the same objects. */
    public boolean sameContent(ImageVersion otherImage, ConfigRevision otherConfig) {
        return image.equals(otherImage) && config.blobSha().equals(otherConfig.blobSha())
                && config.content().equals(otherConfig.content());
    }
}
