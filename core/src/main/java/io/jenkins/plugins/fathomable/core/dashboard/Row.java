package io.jenkins.plugins.fathomable.core.dashboard;

import java.util.List;

/**
 * One tracker as the overview shows it: its header and one {@link Cell} per environment, in flow order.
 *
 * @param id            {@code group.name}
 * @param group         the group
 * @param repo          {@code owner/name}
 * @param ref           the tag or branch followed, a commit's first 7 digits, or {@code null} for the default branch
 * @param repoUrl       the repository on GitHub
 * @param refUrl        the followed tree on GitHub
 * @param sourcePath    the path of {@code fathomable.yaml}
 * @param configured    defined in the host's configuration (Jenkins' global configuration), not through REST
 * @param lastPoll      when it was last polled, or {@code null} before the first poll
 * @param pollState     how the last poll went ({@code OK}, {@code NOT_FOUND}...; {@code NEVER_POLLED})
 * @param problem       the last error as a sentence, or {@code null}
 * @param pendingConfig the commit (first 7 digits) of a changed {@code fathomable.yaml} waiting for an image change,
 *                      or {@code null}
 * @param held          the whole tracker is on hold
 * @param cells         one per environment of the flow
 */
public record Row(String id, String group, String repo, String ref, String repoUrl, String refUrl, String sourcePath,
        boolean configured, Moment lastPoll, String pollState, String problem, String pendingConfig, boolean held,
        List<Cell> cells) {

    public Row {
        cells = List.copyOf(cells);
    }

    /** {@code owner/name@ref}, or {@code owner/name} for the default branch. */
    public String source() {
        return ref == null ? repo : repo + "@" + ref;
    }

    public boolean neverPolled() {
        return lastPoll == null;
    }

    public boolean hasState(CellState state) {
        return cells.stream().anyMatch(c -> c.state() == state);
    }

    /** Whether a release waits for a person's approval and for nothing else that a person controls (a hold). */
    public boolean needsApproval() {
        return cells.stream().anyMatch(c -> c.state() == CellState.WAITING && c.needsApproval());
    }
}
