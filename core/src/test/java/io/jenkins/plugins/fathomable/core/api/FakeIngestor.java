package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * An ingestor for tests: a file path containing {@code invalid} has a YAML error; otherwise the commit SHA it
 * "sees" is derived from the tracker's ref, so a test can check the observation belongs to the stored tracker.
 */
final class FakeIngestor implements Ingestor {

    static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    @Override
    public IngestResult ingest(Tracker t) {
        String commit = commitFor(t);
        if (t.sourcePath().contains("invalid")) {
            return new IngestResult(new TrackerObservation(AT, commit, null, null,
                    TrackerObservation.Status.INVALID_CONFIG, "spec.image.tag: is required (line 7, column 5)"),
                    List.of(new FieldError("spec.image.tag", "is required", 7, 5)));
        }
        return new IngestResult(new TrackerObservation(AT, commit, new ConfigRevision(commit, "b10b", "kind: Application"),
                new ImageVersion("ghcr.io/acme/app", "1.0.0", "sha256:abc"), TrackerObservation.Status.OK, null),
                List.of());
    }

    /** A stand-in commit SHA that names the ref, e.g. {@code sha-of-branch-b7}. */
    static String commitFor(Tracker t) {
        GitRef ref = t.ref();
        return "sha-of-" + (ref.value() == null ? "default" : ref.kind().name().toLowerCase() + "-" + ref.value());
    }
}
