package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.api.IngestResult;
import io.jenkins.plugins.fathomable.core.api.Ingestor;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.spec.ParseResult;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The ingest on POST/PUT: polls the one tracker at once with the same {@link PollCycle} as every pass (so it shares
 * the per-tracker lock and the request budget), hands its events to the release flow, and returns the observation.
 * When the file does not pass the spec parser, the content the poll read is parsed again (no request) to report each
 * error with its field, line and column.
 */
public final class ImmediateIngestor implements Ingestor {

    private final PollCycle cycle;
    private final ObservationStore observations;
    private final Consumer<TrackerEvent> events;
    private final Clock clock;

    /**
     * @param cycle        the poll cycle of the passes; it saves the observation
     * @param observations where {@code cycle} saves, read back for the result
     * @param events       the release flow's entry for poll events
     */
    public ImmediateIngestor(PollCycle cycle, ObservationStore observations, Consumer<TrackerEvent> events,
            Clock clock) {
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IngestResult ingest(Tracker tracker) {
        CycleReport report;
        try {
            report = cycle.pollOne(tracker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IngestResult(new TrackerObservation(clock.instant(), null, null, null, Status.ERROR,
                    "the ingest was interrupted; the next poll reads the file"), List.of());
        }
        report.events().forEach(events);
        TrackerObservation seen = observations.observation(tracker.id()).orElse(TrackerObservation.NONE);
        if (report.deferred() > 0) {
            // not stored: the tracker keeps what it showed, and the next pass reads it first
            return new IngestResult(new TrackerObservation(seen.lastPoll(), seen.commitSha(), seen.config(),
                    seen.image(), seen.status(), "not read yet: the GitHub request budget of these credentials is"
                    + " used up for the moment; the next poll reads the file first"), List.of());
        }
        if (report.errors().isEmpty()) {
            return new IngestResult(seen, List.of());
        }
        CycleReport.TrackerError error = report.errors().get(0);
        return new IngestResult(seen, errorsOf(tracker, error));
    }

    private List<FieldError> errorsOf(Tracker tracker, CycleReport.TrackerError error) {
        boolean gitHubSaid = error.message().startsWith("GitHub");
        return switch (error.status()) {
            case INVALID_CONFIG -> specErrors(tracker, error.message());
            case NOT_FOUND -> List.of(new FieldError(gitHubSaid ? "sourcePath" : "spec.image", error.message()));
            case UNAUTHORIZED, FORBIDDEN -> gitHubSaid ? List.of(new FieldError("token", error.message())) : List.of();
            // Rate limits, registry and network failures say nothing about the file's content, but the answer must
            // say it could not be checked, and why (the status says the same).
            default -> List.of(new FieldError(gitHubSaid || error.message().startsWith("cannot reach GitHub")
                    ? "sourcePath" : "spec.image", "could not be checked: " + error.message()));
        };
    }

    private List<FieldError> specErrors(Tracker tracker, String message) {
        ParseResult parsed = cycle.lastContent(tracker).map(revision -> SpecParser.parse(revision.content())).orElse(null);
        return parsed != null && !parsed.isValid() ? parsed.errors() : List.of(new FieldError("sourcePath", message));
    }
}
