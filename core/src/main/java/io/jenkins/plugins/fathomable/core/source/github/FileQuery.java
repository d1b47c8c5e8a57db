package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import java.util.Objects;

/** One file a tracker follows: {@code path} in {@code repo} ({@code owner/name}) at {@code ref}. */
public record FileQuery(String repo, GitRef ref, String path) {
    public FileQuery {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(path, "path");
    }
}
