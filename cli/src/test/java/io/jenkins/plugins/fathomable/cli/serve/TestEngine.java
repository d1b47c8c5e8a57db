package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.api.IngestResult;
import io.jenkins.plugins.fathomable.core.api.Ingestor;
import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.util.List;
import java.util.Map;

/**
 * An engine for tests. Its ingest resolves the tracker's credentials through the store serve gives it (as the real
 * poll cycle will) and records whether a token was found; a source path containing {@code invalid} yields a YAML
 * error; the commit it "sees" names the tracker's ref, so tests can check observation and tracker belong together.
 */
final class TestEngine implements Engine {

    private final Engine.Context context;

    TestEngine(Engine.Context context) {
        this.context = context;
    }

    @Override
    public Ingestor ingestor() {
        return this::ingest;
    }

    private IngestResult ingest(Tracker t) {
        String commit = "sha-of-" + (t.ref().value() == null ? "default" : t.ref().value());
        boolean authenticated = t.credentialsId() != null
                && context.credentials().lookup(t.credentialsId()).filter(c -> c instanceof Credential.Token).isPresent();
        TrackerObservation.Status status = authenticated || t.credentialsId() == null
                ? TrackerObservation.Status.OK : TrackerObservation.Status.UNAUTHORIZED;
        if (t.sourcePath().contains("invalid")) {
            return new IngestResult(new TrackerObservation(context.clock().instant(), commit, null, null,
                    TrackerObservation.Status.INVALID_CONFIG, "spec.pattern: unknown pattern (line 6, column 12)"),
                    List.of(new FieldError("spec.pattern", "unknown pattern", 6, 12)));
        }
        return new IngestResult(new TrackerObservation(context.clock().instant(), commit,
                new ConfigRevision(commit, "blob-" + commit, "kind: Application\n"),
                new ImageVersion("127.0.0.1:5000/acme/app", "1.0.0", "sha256:feed"), status,
                status == TrackerObservation.Status.OK ? null : "no token found for " + t.credentialsId()), List.of());
    }

    @Override
    public StatusProvider status() {
        return id -> Map.of("dev", Map.of("deployed", "1.0.0", "queue", List.of("1.0.1")));
    }

    @Override
    public void pollOnce() {
        // tests drive the API only
    }

    @Override
    public String describe() {
        return "engine: test engine";
    }
}
