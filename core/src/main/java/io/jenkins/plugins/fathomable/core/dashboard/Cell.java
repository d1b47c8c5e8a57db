package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.release.Blocker;
import java.util.List;

/**
 * One tracker in one environment: what is deployed there and what is going on.
 *
 * @param environment the environment
 * @param state       the badge
 * @param waitingFor  what a waiting (or held) release waits for, most telling first, without repeats
 * @param reasons     the reasons in words: why it waits, or why it failed
 * @param deployed    the release deployed and ready here, or {@code null}
 * @param deployedAt  when it became ready, or {@code null}
 * @param moving      the release this state is about when it is not {@code deployed} (deploying, waiting, failed),
 *                    or {@code null}
 * @param movingAt    since when: the deployment's start, or when the release was made
 * @param rollback    whether the running deployment is a rollback (to {@code moving})
 * @param runUrl      the run of the last finished deployment here (relative to the host's root), or {@code null}
 */
public record Cell(String environment, CellState state, List<Blocker.Kind> waitingFor, List<String> reasons,
        ReleaseRef deployed, Moment deployedAt, ReleaseRef moving, Moment movingAt, boolean rollback, String runUrl) {

    public Cell {
        waitingFor = List.copyOf(waitingFor);
        reasons = List.copyOf(reasons);
    }

    /** The reasons in one line, for a tooltip; empty when there are none. */
    public String summary() {
        return String.join("; ", reasons);
    }

    /** Whether any release waits here for a person's approval. */
    public boolean needsApproval() {
        return waitingFor.contains(Blocker.Kind.APPROVAL);
    }
}
