package io.jenkins.plugins.fathomable.core.event;

import java.util.Objects;

/**
 * One version of a tracker's {@code fathomable.yaml}: the commit it was read at, the file's blob SHA (GitHub's
 * hash of its content), and the content itself, so a release can be rendered again later byte for byte.
 */
public record ConfigRevision(String commitSha, String blobSha, String content) {
    public ConfigRevision {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(blobSha, "blobSha");
        Objects.requireNonNull(content, "content");
    }
}
