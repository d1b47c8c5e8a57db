package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one poll cycle (or one immediate poll) did.
 *
 * @param startedAt  when it started (by the cycle's clock)
 * @param finishedAt when it finished
 * @param trackers   how many trackers were polled
 * @param events     what changed, grouped by tracker (in tracker id order)
 * @param requests   requests made during the cycle by kind (from the shared counter: requests of anything running
 *                   at the same time are included)
 * @param errors     trackers whose poll did not succeed, with their new status
 * @param deferred   trackers not looked at because their GitHub request budget ran out; they go first next cycle
 */
public record CycleReport(Instant startedAt, Instant finishedAt, int trackers, List<TrackerEvent> events,
        Map<RequestKind, Long> requests, List<TrackerError> errors, int deferred) {

    public CycleReport {
        events = List.copyOf(events);
        requests = Map.copyOf(requests);
        errors = List.copyOf(errors);
    }

    /** A report that left no tracker for the next cycle. */
    public CycleReport(Instant startedAt, Instant finishedAt, int trackers, List<TrackerEvent> events,
            Map<RequestKind, Long> requests, List<TrackerError> errors) {
        this(startedAt, finishedAt, trackers, events, requests, errors, 0);
    }

    /**
     * The requests for a log line, the same on every host and every run: kinds that were used, in
     * {@link RequestKind} order, lower-case ({@code github_304=3 head_manifest=2}); {@code none} when there were none.
     */
    public String requestSummary() {
        String used = java.util.Arrays.stream(RequestKind.values())
                .filter(k -> requests.getOrDefault(k, 0L) > 0)
                .map(k -> k.name().toLowerCase(java.util.Locale.ROOT) + "=" + requests.get(k))
                .collect(java.util.stream.Collectors.joining(" "));
        return used.isEmpty() ? "none" : used;
    }

    public long requests(RequestKind kind) {
        return requests.getOrDefault(kind, 0L);
    }

    /** A tracker whose poll failed: the status it now shows, and a readable reason (never a secret). */
    public record TrackerError(TrackerId tracker, Status status, String message) {}
}
