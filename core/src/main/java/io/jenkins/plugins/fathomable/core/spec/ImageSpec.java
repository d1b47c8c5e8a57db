package io.jenkins.plugins.fathomable.core.spec;

import java.util.Objects;

/**
 * The image to run: a repository without tag or digest, and exactly one of a fixed {@code tag} (tracked by
 * digest) or a SemVer {@code semver} constraint (tracked by new tags). The other one is {@code null}.
 */
public record ImageSpec(String repository, String tag, String semver) {
    public ImageSpec {
        Objects.requireNonNull(repository, "repository");
        if ((tag == null) == (semver == null)) {
            throw new IllegalArgumentException("exactly one of tag and semver must be set");
        }
    }
}
