package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.api.IngestResult;
import io.jenkins.plugins.fathomable.core.api.Ingestor;
import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.util.List;

/**
 * The engine {@code serve} runs until the poll cycle and release engine are wired in through {@link Engine.Factory}:
 * trackers are kept and served, nothing is polled or released, and each tracker's status says so.
 */
final class UnwiredEngine implements Engine {

    static final String NOT_WIRED = "polling is not part of this build yet: the tracker is stored but not ingested";

    private final Engine.Context context;

    UnwiredEngine(Engine.Context context) {
        this.context = context;
    }

    @Override
    public Ingestor ingestor() {
        return tracker -> new IngestResult(new TrackerObservation(null, null, null, null,
                TrackerObservation.Status.NEVER_POLLED, NOT_WIRED), List.of());
    }

    @Override
    public StatusProvider status() {
        return StatusProvider.none();
    }

    @Override
    public void pollOnce() {
        // nothing to poll with yet
    }

    @Override
    public String describe() {
        return "engine: not wired (REST only); GitHub API " + context.settings().githubApiUrl()
                + ", environments " + String.join(" -> ", context.settings().environments());
    }
}
