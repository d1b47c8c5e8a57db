package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Diff;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.HistoryLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.PendingChange;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.ReleaseLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Rendered;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Seen;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Stage;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link TrackerPage}s. */
final class TrackerPages {

    /** History entries shown, newest first; a tracker keeps up to 1,000. */
    static final int HISTORY_SHOWN = 100;

    private final FlowConfig flow;
    private final GitHubWeb web;
    private final Renderings renderings = new Renderings();

    TrackerPages(FlowConfig flow, GitHubWeb web) {
        this.flow = flow;
        this.web = web;
    }

    TrackerPage of(TrackerRecord record, TrackerStatus status, boolean configured, Instant now) {
        Row row = Rows.of(record, status, configured, web, now);
        Tracker t = record.tracker();
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < status.environments().size(); i++) {
            stages.add(stage(status.environments().get(i), row.cells().get(i)));
        }
        List<ReleaseLine> releases = status.releases().stream().map(r -> release(t, r, now)).toList();
        List<HistoryEntry> all = record.history();
        List<HistoryLine> history = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && history.size() < HISTORY_SHOWN; i--) {
            history.add(history(all.get(i), now));
        }
        return new TrackerPage(row, seen(t, record, now), stages, releases, history,
                Math.max(0, all.size() - HISTORY_SHOWN), pending(t, status), rendered(t, status));
    }

    private Stage stage(TrackerStatus.Environment e, Cell cell) {
        EnvironmentConfig config = flow.environment(e.name()).orElse(null);
        int moving = cell.moving() == null ? 0 : cell.moving().number();
        boolean waiting = cell.state() == CellState.WAITING || cell.state() == CellState.HELD;
        return new Stage(cell, e.target().namespace(), e.target().cluster(), e.approvalRequired(),
                config == null || config.minSoak().isZero() ? null : duration(config.minSoak()),
                config != null && !config.windows().isEmpty(),
                cell.needsApproval() ? moving : 0,
                (waiting && moving != 0) || cell.state() == CellState.FAILED ? moving : 0,
                cell.state() == CellState.FAILED ? moving : 0,
                e.previous() != null && e.inProgress() == null ? e.previous().number() : 0);
    }

    private ReleaseLine release(Tracker t, Release r, Instant now) {
        return new ReleaseLine(ReleaseRef.of(r, now), r.origin().replace('-', ' '), r.stage(),
                Rows.shortSha(r.config().commitSha()), web.commit(t.repo(), r.config().commitSha()),
                List.copyOf(r.approvals()), r.reason());
    }

    private static HistoryLine history(HistoryEntry h, Instant now) {
        boolean machine = h.actor().equals(ReleaseEngine.POLLER) || h.actor().equals(ReleaseEngine.ENGINE);
        String change = h.from() == null && h.to() == null ? null
                : (h.from() == null ? "" : h.from() + " → ") + (h.to() == null ? "" : h.to());
        return new HistoryLine(Moment.of(h.at(), now), h.actor(), !machine, h.action().replace('-', ' '),
                h.release(), h.environment(), change, h.detail(), h.runUrl());
    }

    private Seen seen(Tracker t, TrackerRecord record, Instant now) {
        TrackerObservation o = record.observation();
        WebhookTimes hooks = record.webhooks() == null ? WebhookTimes.NONE : record.webhooks();
        String commit = o.commitSha();
        return new Seen(Rows.shortSha(commit), commit == null ? null : web.commit(t.repo(), commit),
                commit == null ? null : web.file(t.repo(), commit, t.sourcePath()),
                o.config() == null ? null : ReleaseRef.shortDigest(o.config().blobSha()),
                o.image() == null ? null : o.image().repository() + ":" + o.image().tag(),
                o.image() == null ? null : o.image().digest(), t.credentialsId(),
                hooks.github() == null ? null : Moment.of(hooks.github(), now),
                hooks.registry() == null ? null : Moment.of(hooks.registry(), now));
    }

    private PendingChange pending(Tracker t, TrackerStatus status) {
        ConfigRevision next = status.pendingConfig();
        if (next == null) {
            return null;
        }
        ConfigRevision now = status.currentConfig();
        Diff file = Renderings.diff("fathomable.yaml", "released " + t.sourcePath(), "pending " + t.sourcePath(),
                now == null ? "" : now.content(), next.content());
        List<Diff> rendered = new ArrayList<>();
        Optional<ImageVersion> image = status.releases().stream().findFirst().map(Release::image);
        if (now != null && image.isPresent()) {
            for (EnvironmentConfig env : flow.environments()) {
                rendered.add(renderings.renderedDiff(t.id(), env, now, next, image.get()));
            }
        }
        return new PendingChange(Rows.shortSha(next.commitSha()), web.commit(t.repo(), next.commitSha()),
                ReleaseRef.shortDigest(next.blobSha()), file, rendered);
    }

    /** Each environment's deployed release, or the newest release where nothing is deployed yet. */
    private List<Rendered> rendered(Tracker t, TrackerStatus status) {
        List<Rendered> out = new ArrayList<>();
        Release newest = status.releases().isEmpty() ? null : status.releases().get(0);
        for (TrackerStatus.Environment e : status.environments()) {
            Release r = e.deployed() != null ? e.deployed() : newest;
            Optional<EnvironmentConfig> env = flow.environment(e.name());
            if (r == null || env.isEmpty()) {
                out.add(new Rendered(e.name(), 0, 0, null, null));
                continue;
            }
            try {
                Renderings.Result result = renderings.render(t.id(), env.get(), r.config(), r.image());
                out.add(new Rendered(e.name(), r.number(), result.objects(), result.yaml(), null));
            } catch (ValidationException ex) {
                out.add(new Rendered(e.name(), r.number(), 0, null, "cannot be rendered: " + Renderings.problem(ex)));
            }
        }
        return out;
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + " s";
        }
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + " d";
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + " h";
        }
        return minutes + " min";
    }
}
