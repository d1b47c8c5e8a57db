package io.jenkins.plugins.fathomable.core.event;

import java.util.Objects;

/**
 * One image as a registry reports it: the normalised repository ({@code docker.io/library/nginx},
 * {@code 127.0.0.1:5000/team/app}), the tag, and the manifest (or index) digest ({@code sha256:...}).
 */
public record ImageVersion(String repository, String tag, String digest) {
    public ImageVersion {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /** {@code repository@digest}, the form rendered objects use. */
    public String pinned() {
        return repository + "@" + digest;
    }
}
