package io.jenkins.plugins.fathomable.status;

import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.util.List;

/** What the status page shows per tracker, as plain strings for the Jelly view. */
public final class StatusRows {

    private StatusRows() {
    }

    /** One tracker. */
    public record Row(String id, boolean configured, String state, String image, String digest, String pendingConfig,
            boolean held, String lastError, List<Env> environments) {}

    /**
     * One environment of a tracker; {@code approvable} is the release number a person may approve here (or 0),
     * {@code rollbackPossible} whether an earlier release is kept to roll back to.
     */
    public record Env(String name, String deployed, String inProgress, String waiting, String waitingFor,
            int approvable, int rejectable, boolean rollbackPossible, String lastRunUrl) {}

    static Row of(TrackerRecord record, TrackerStatus status, boolean configured) {
        TrackerObservation o = record.observation();
        List<Env> envs = status.environments().stream().map(StatusRows::env).toList();
        return new Row(record.id().toString(), configured, o.status().name(),
                o.image() == null ? null : o.image().repository() + ":" + o.image().tag(),
                o.image() == null ? null : o.image().digest(),
                status.pendingConfig() == null ? null : status.pendingConfig().blobSha(),
                status.held(), o.lastError(), envs);
    }

    private static Env env(TrackerStatus.Environment e) {
        Release queued = e.queued();
        boolean needsApproval = queued != null && e.approvalRequired() && !queued.approvals().contains(e.name());
        return new Env(e.name(), describe(e.deployed()),
                e.inProgress() == null ? null : "#" + e.inProgress().release(),
                describe(queued), String.join("; ", e.waitingFor()),
                needsApproval ? queued.number() : 0, queued == null ? 0 : queued.number(), e.previous() != null,
                e.lastRunUrl());
    }

    /** {@code #3 ghcr.io/acme/app:1.2.0 (sha256:0123456789ab…)}, or {@code null}. */
    static String describe(Release release) {
        if (release == null) {
            return null;
        }
        String digest = release.image() == null || release.image().digest() == null ? "" : release.image().digest();
        String shortDigest = digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
        return "#" + release.number() + (release.image() == null ? "" : " " + release.image().repository() + ":"
                + release.image().tag() + (shortDigest.isEmpty() ? "" : " (" + shortDigest + ")"));
    }
}
