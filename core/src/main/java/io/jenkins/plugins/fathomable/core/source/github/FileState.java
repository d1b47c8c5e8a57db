package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.util.Objects;

/** Where a {@link FileQuery} stands on GitHub now, without its content. */
public sealed interface FileState permits FileState.At, FileState.Failed, FileState.Deferred {

    /** The ref is at {@code commitSha}, where the file is the blob {@code blobSha}. */
    record At(String commitSha, String blobSha) implements FileState {
        public At {
            Objects.requireNonNull(commitSha, "commitSha");
            Objects.requireNonNull(blobSha, "blobSha");
        }
    }

    /** Could not be looked up; {@code message} is readable and never holds a secret. */
    record Failed(Status status, String message) implements FileState {
        public Failed {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Not looked up: the request budget ran out; the next cycle looks first. */
    record Deferred(String reason) implements FileState {}
}
