package io.jenkins.plugins.fathomable.core.tracker;

import java.util.Objects;

/** What a tracker follows in its repository: the default branch, or one tag, branch or commit. */
public record GitRef(Kind kind, String value) {

    public enum Kind { DEFAULT_BRANCH, TAG, BRANCH, COMMIT }

    public static final GitRef DEFAULT = new GitRef(Kind.DEFAULT_BRANCH, null);

    public GitRef {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DEFAULT_BRANCH ? value != null : (value == null || value.isBlank())) {
            throw new IllegalArgumentException(kind + " needs " + (kind == Kind.DEFAULT_BRANCH ? "no" : "a") + " value");
        }
    }

    public static GitRef tag(String tag) {
        return new GitRef(Kind.TAG, tag);
    }

    public static GitRef branch(String branch) {
        return new GitRef(Kind.BRANCH, branch);
    }

    public static GitRef commit(String sha) {
        return new GitRef(Kind.COMMIT, sha);
    }

    @Override
    public String toString() {
        return kind == Kind.DEFAULT_BRANCH ? "default branch" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
