package io.jenkins.plugins.fathomable.core.dashboard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The overview's state filter: trackers with at least one environment (or the tracker itself) in that state. */
public enum StateFilter {
    DEPLOYED, DEPLOYING, WAITING, APPROVAL, FAILED, HELD,
    /** The last poll failed. */
    ERROR,
    /** A changed {@code fathomable.yaml} waits for the next image change. */
    PENDING,
    /** Not polled yet. */
    NEW;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filter named {@code key} (case-insensitive), if there is one. */
    public static Optional<StateFilter> of(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name().equals(k)).findFirst();
    }

    /** The same decision as {@link #matches(Row)}, from the stored record and status alone (no row is built). */
    boolean matches(io.jenkins.plugins.fathomable.core.store.TrackerRecord record,
            io.jenkins.plugins.fathomable.core.release.TrackerStatus status) {
        var observation = record.observation();
        return switch (this) {
            case DEPLOYED, DEPLOYING, WAITING, FAILED -> status.environments().stream()
                    .anyMatch(e -> Cells.state(status, e) == CellState.valueOf(name()));
            case APPROVAL -> status.environments().stream().anyMatch(Cells::awaitsApproval);
            case HELD -> status.held() || status.environments().stream()
                    .anyMatch(e -> Cells.state(status, e) == CellState.HELD);
            case ERROR -> observation.lastPoll() != null && Sentences.lastError(observation.status(),
                    observation.lastError()) != null;
            case PENDING -> status.pendingConfig() != null;
            case NEW -> observation.lastPoll() == null;
        };
    }

    boolean matches(Row row) {
        return switch (this) {
            case DEPLOYED -> row.hasState(CellState.DEPLOYED);
            case DEPLOYING -> row.hasState(CellState.DEPLOYING);
            case WAITING -> row.hasState(CellState.WAITING);
            case APPROVAL -> row.needsApproval();
            case FAILED -> row.hasState(CellState.FAILED);
            case HELD -> row.held() || row.hasState(CellState.HELD);
            case ERROR -> row.problem() != null && !row.neverPolled();
            case PENDING -> row.pendingConfig() != null;
            case NEW -> row.neverPolled();
        };
    }
}
