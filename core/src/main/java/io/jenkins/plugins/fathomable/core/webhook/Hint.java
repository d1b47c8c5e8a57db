package io.jenkins.plugins.fathomable.core.webhook;

import java.util.Objects;

/**
 * What one webhook says happened, reduced to where to look. Never trusted as data: the look reads the commit and
 * the digest from GitHub and the registry like every poll does.
 */
public sealed interface Hint {

    /** Which kind of source the hint is about; each tracker keeps its last webhook time per kind. */
    enum Source {
        /** The tracker's GitHub repository (push, create, delete, ping). */
        GITHUB,
        /** The tracker's image repository (registry notifications, Docker Hub, GitHub's package events). */
        REGISTRY;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Source source();

    /**
     * A ref of a GitHub repository moved (pushed, created or deleted).
     *
     * @param repo          {@code owner/name} as GitHub wrote it (compared without regard to case)
     * @param ref           the full ref, {@code refs/heads/main} or {@code refs/tags/v1.2.0}
     * @param defaultBranch the repository's default branch if the payload names it, else {@code null} (trackers
     *                      of the default branch are then looked at for any branch)
     */
    record RefMoved(String repo, String ref, String defaultBranch) implements Hint {
        public RefMoved {
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public Source source() {
            return Source.GITHUB;
        }
    }

    /** A GitHub repository's hook answered a ping: nothing to look at, but webhooks flow for it. */
    record RepositoryPinged(String repo) implements Hint {
        @Override
        public Source source() {
            return Source.GITHUB;
        }
    }

    /**
     * A tag of an image repository was pushed (or deleted).
     *
     * @param repository the normalised repository, {@code registry/path} as in {@code ImageVersion.repository()}
     * @param tag        the tag
     * @param announced  the digest the notification says the tag now has, or {@code null}; only ever used to decide
     *                   whether to look again (a notification can overtake the tag's move), never deployed
     */
    record TagPushed(String repository, String tag, String announced) implements Hint {
        public TagPushed {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
        }

        public TagPushed(String repository, String tag) {
            this(repository, tag, null);
        }

        @Override
        public Source source() {
            return Source.REGISTRY;
        }
    }
}
