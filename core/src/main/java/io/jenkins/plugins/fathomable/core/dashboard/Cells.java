package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.release.Blocker;
import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides each environment's badge from the release status. In order: a running deployment is
 * {@link CellState#DEPLOYING}; a queued release is {@link CellState#HELD} when a hold keeps it out, else
 * {@link CellState#WAITING}; a release whose deployment here failed (and nothing newer is on its way) is
 * {@link CellState#FAILED}; an environment on hold is {@link CellState#HELD}; otherwise what is deployed, or
 * {@link CellState#NONE}. A tracker-wide hold with nothing waiting leaves the cells as they are: the row says it.
 */
final class Cells {

    /** Most telling first: a hold or a missing environment explain everything else; a person's approval next. */
    private static final List<Blocker.Kind> ORDER = List.of(Blocker.Kind.HOLD, Blocker.Kind.REMOVED,
            Blocker.Kind.PREVIOUS, Blocker.Kind.APPROVAL, Blocker.Kind.SOAK, Blocker.Kind.WINDOW, Blocker.Kind.BUSY);

    private Cells() {}

    /**
     * Only the badge of each environment, without the releases' details: what the state filter needs, for every
     * tracker of a large list. Decides exactly as {@link #of(TrackerStatus, TrackerStatus.Environment, Instant)}.
     */
    static CellState state(TrackerStatus status, TrackerStatus.Environment e) {
        if (e.inProgress() != null) {
            return CellState.DEPLOYING;
        }
        if (e.queued() != null) {
            return e.blockers().stream().anyMatch(b -> b.kind() == Blocker.Kind.HOLD) ? CellState.HELD : CellState.WAITING;
        }
        if (failed(status, e).isPresent()) {
            return CellState.FAILED;
        }
        if (e.held()) {
            return CellState.HELD;
        }
        return e.deployed() == null ? CellState.NONE : CellState.DEPLOYED;
    }

    /** Whether a release waits in {@code e} for an approval, and for no hold. */
    static boolean awaitsApproval(TrackerStatus.Environment e) {
        return e.queued() != null && e.blockers().stream().anyMatch(b -> b.kind() == Blocker.Kind.APPROVAL)
                && e.blockers().stream().noneMatch(b -> b.kind() == Blocker.Kind.HOLD);
    }

    static List<Cell> of(TrackerStatus status, Instant now) {
        return status.environments().stream().map(e -> of(status, e, now)).toList();
    }

    static Cell of(TrackerStatus status, TrackerStatus.Environment e, Instant now) {
        ReleaseRef deployed = ReleaseRef.of(e.deployed(), now);
        Moment deployedAt = Moment.of(e.readyAt(), now);
        Deployment running = e.inProgress();
        if (running != null) {
            Release r = release(status, running.release()).orElse(null);
            return new Cell(e.name(), CellState.DEPLOYING, List.of(), List.of(), deployed, deployedAt,
                    r == null ? null : ReleaseRef.of(r, now), Moment.of(running.startedAt(), now),
                    running.kind() == Deployment.Kind.ROLLBACK, e.lastRunUrl());
        }
        Release queued = e.queued();
        if (queued != null) {
            List<Blocker.Kind> kinds = e.blockers().stream().map(Blocker::kind).distinct()
                    .sorted(Comparator.comparingInt(ORDER::indexOf)).toList();
            CellState state = kinds.contains(Blocker.Kind.HOLD) ? CellState.HELD : CellState.WAITING;
            return new Cell(e.name(), state, kinds, e.waitingFor(), deployed, deployedAt, ReleaseRef.of(queued, now),
                    Moment.of(queued.createdAt(), now), false, e.lastRunUrl());
        }
        Optional<Release> failed = failed(status, e);
        if (failed.isPresent()) {
            Release f = failed.get();
            return new Cell(e.name(), CellState.FAILED, List.of(),
                    List.of(f.reason() == null ? "the deployment failed" : f.reason()), deployed, deployedAt,
                    ReleaseRef.of(f, now), Moment.of(f.createdAt(), now), false, e.lastRunUrl());
        }
        if (e.held()) {
            return new Cell(e.name(), CellState.HELD, List.of(Blocker.Kind.HOLD), List.of(e.name() + " is on hold"),
                    deployed, deployedAt, null, null, false, e.lastRunUrl());
        }
        return new Cell(e.name(), deployed == null ? CellState.NONE : CellState.DEPLOYED, List.of(), List.of(),
                deployed, deployedAt, null, null, false, e.lastRunUrl());
    }

    private static Optional<Release> failed(TrackerStatus status, TrackerStatus.Environment e) {
        return status.releases().stream()
                .filter(r -> r.status() == ReleaseStatus.FAILED && r.environment().equals(e.name()))
                .findFirst();
    }

    private static Optional<Release> release(TrackerStatus status, int number) {
        return status.releases().stream().filter(r -> r.number() == number).findFirst();
    }
}
