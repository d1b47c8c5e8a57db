package io.jenkins.plugins.fathomable.core.dashboard;

import java.util.List;

/**
 * Everything the page of one tracker shows.
 *
 * @param row      the tracker's header and its cells, as on the overview
 * @param seen     what the last poll saw
 * @param stages   the flow, one stage per environment in order, with the operations each allows
 * @param releases the kept releases, newest first
 * @param history  the latest changes, newest first (at most {@link TrackerPages#HISTORY_SHOWN})
 * @param older    how many older history entries are not shown
 * @param pending  a changed {@code fathomable.yaml} waiting for the next image, or {@code null}
 * @param rendered the objects of each environment's deployed (or newest) release
 */
public record TrackerPage(Row row, Seen seen, List<Stage> stages, List<ReleaseLine> releases,
        List<HistoryLine> history, int older, PendingChange pending, List<Rendered> rendered) {

    public TrackerPage {
        stages = List.copyOf(stages);
        releases = List.copyOf(releases);
        history = List.copyOf(history);
        rendered = List.copyOf(rendered);
    }

    public String id() {
        return row.id();
    }

    /**
     * What the last poll saw.
     *
     * @param commit     the commit the ref resolved to (7 digits), or {@code null}
     * @param commitUrl  it on GitHub
     * @param fileUrl    {@code fathomable.yaml} at that commit on GitHub
     * @param blob       the file's blob SHA (12 digits), or {@code null}
     * @param image      {@code repository:tag}, or {@code null}
     * @param digest     the image digest, or {@code null}
     * @param credentials the credentials id used for GitHub, or {@code null} for anonymous access
     * @param githubWebhook   when a GitHub webhook last concerned the tracker, or {@code null}
     * @param registryWebhook when a registry notification last concerned it, or {@code null}
     */
    public record Seen(String commit, String commitUrl, String fileUrl, String blob, String image, String digest,
            String credentials, Moment githubWebhook, Moment registryWebhook) {

        /** Whether any webhook ever concerned the tracker (else polling alone finds its changes). */
        public boolean webhooks() {
            return githubWebhook != null || registryWebhook != null;
        }
    }

    /**
     * One environment of the flow.
     *
     * @param cell       its badge and releases
     * @param namespace  where it deploys
     * @param cluster    which cluster
     * @param approval   whether releases need a person's approval here
     * @param soak       how long a release must have been ready in the previous environment, e.g. {@code 1 h}, or
     *                   {@code null}
     * @param windows    whether release windows restrict when releases enter
     * @param approve    the release a person may approve here now, or 0
     * @param reject     the queued or failed release a person may reject here, or 0
     * @param retry      the failed release a person may retry here, or 0
     * @param rollbackTo the release a rollback would deploy again, or 0
     */
    public record Stage(Cell cell, String namespace, String cluster, boolean approval, String soak, boolean windows,
            int approve, int reject, int retry, int rollbackTo) {

        public String environment() {
            return cell.environment();
        }
    }

    /**
     * One release.
     *
     * @param ref       number, version and digest
     * @param origin    what made it, in words ({@code new image version})
     * @param status    where it is, e.g. {@code QUEUED prod}
     * @param config    the commit of its {@code fathomable.yaml} (7 digits)
     * @param configUrl that commit on GitHub
     * @param approvals environments it was approved for
     * @param reason    why it failed, was rejected, superseded or rolled back, or {@code null}
     */
    public record ReleaseLine(ReleaseRef ref, String origin, String status, String config, String configUrl,
            List<String> approvals, String reason) {

        /** {@code ha, prod}, or empty. */
        public String approvedFor() {
            return String.join(", ", approvals);
        }
    }

    /**
     * One history entry.
     *
     * @param at          when
     * @param actor       who: a user, or {@code poller} and {@code fathomable} for the machine
     * @param person      whether a person did it (approved, rejected, held, rolled back, retried)
     * @param action      what, in words ({@code rolled back})
     * @param release     the release concerned, or {@code null}
     * @param environment the environment concerned, or {@code null}
     * @param change      {@code QUEUED dev → DEPLOYING dev}, or {@code null}
     * @param detail      a note, or {@code null}
     * @param runUrl      the run that did it (relative to the host's root), or {@code null}
     */
    public record HistoryLine(Moment at, String actor, boolean person, String action, Integer release,
            String environment, String change, String detail, String runUrl) {}

    /**
     * The pending {@code fathomable.yaml}.
     *
     * @param commit    its commit (7 digits)
     * @param commitUrl on GitHub
     * @param blob      its blob SHA (12 digits)
     * @param fileDiff  the file against the one of the newest release, as a unified diff
     * @param rendered  what it changes in each environment's objects
     */
    public record PendingChange(String commit, String commitUrl, String blob, Diff fileDiff, List<Diff> rendered) {}

    /**
     * A unified diff, or why there is none.
     *
     * @param title    what is compared (an environment, or the file)
     * @param lines    the diff's lines; empty when both sides are equal
     * @param problem  why it could not be made, or {@code null}
     */
    public record Diff(String title, List<DiffLine> lines, String problem) {
        public boolean same() {
            return problem == null && lines.isEmpty();
        }
    }

    /** One line of a diff; {@code kind} is {@code add}, {@code del}, {@code hunk}, {@code file} or {@code context}. */
    public record DiffLine(String kind, String text) {}

    /**
     * The objects an environment's release renders.
     *
     * @param environment the environment
     * @param release     the release, or 0 when there is none
     * @param objects     how many objects
     * @param yaml        the objects as YAML documents, or {@code null}
     * @param problem     why they could not be rendered, or {@code null}
     */
    public record Rendered(String environment, int release, int objects, String yaml, String problem) {}
}
