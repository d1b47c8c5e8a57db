package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.source.registry.SemVerConstraint;
import java.util.Objects;

/**
 * Which image a tracker follows: a repository plus exactly one of a fixed tag (tracked by digest only) or a SemVer
 * constraint (the best matching tag, then its digest).
 */
public record ImagePolicy(ImageReference repository, String tag, SemVerConstraint semver) {

    public ImagePolicy {
        Objects.requireNonNull(repository, "repository");
        if ((tag == null) == (semver == null)) {
            throw new IllegalArgumentException("exactly one of tag and semver");
        }
        if (repository.tag() != null || repository.digest() != null) {
            throw new IllegalArgumentException("the repository must carry no tag or digest: " + repository);
        }
    }

    public static ImagePolicy fixed(ImageReference repository, String tag) {
        return new ImagePolicy(repository, tag, null);
    }

    public static ImagePolicy semver(ImageReference repository, SemVerConstraint constraint) {
        return new ImagePolicy(repository, null, constraint);
    }

    public boolean isFixedTag() {
        return tag != null;
    }
}
