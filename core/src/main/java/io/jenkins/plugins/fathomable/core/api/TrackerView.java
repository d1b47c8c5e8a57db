package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;

/**
 * A tracker as the API shows it. There is no token here by construction: the model keeps only a credentials id.
 * At most one of {@code tag}, {@code branch}, {@code commit} is set; none means the default branch.
 */
public record TrackerView(String id, String repo, String sourcePath, String tag, String branch, String commit,
        String credentialsId) {

    public static TrackerView of(Tracker t) {
        GitRef ref = t.ref();
        return new TrackerView(t.id().toString(), t.repo(), t.sourcePath(),
                ref.kind() == GitRef.Kind.TAG ? ref.value() : null,
                ref.kind() == GitRef.Kind.BRANCH ? ref.value() : null,
                ref.kind() == GitRef.Kind.COMMIT ? ref.value() : null,
                t.credentialsId());
    }
}
