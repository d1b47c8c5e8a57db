package io.jenkins.plugins.fathomable.core.engine;

import io.jenkins.plugins.fathomable.core.api.StatusProvider;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code releases} object of {@code GET /trackers/{id}} from {@link ReleaseEngine#status}: one entry per
 * environment (deployed release, queued release and why it waits, deployment in progress), plus
 * {@code pendingConfig}, {@code onHold} and {@code recentHistory}, whose camel-case names no environment can have.
 * Plain maps, lists and strings, so any JSON mapper writes them without extra modules.
 */
public final class ReleaseStatusProvider implements StatusProvider {

    /** How many history entries (newest last) the status shows; the store keeps them all. */
    public static final int RECENT_HISTORY = 20;

    private final ReleaseEngine releases;

    public ReleaseStatusProvider(ReleaseEngine releases) {
        this.releases = Objects.requireNonNull(releases, "releases");
    }

    @Override
    public Map<String, Object> releases(TrackerId id) {
        TrackerStatus status;
        List<HistoryEntry> history;
        try {
            status = releases.status(id);
            history = releases.history(id);
        } catch (NoSuchTrackerException e) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (TrackerStatus.Environment env : status.environments()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("namespace", env.target().namespace());
            e.put("cluster", env.target().cluster());
            put(e, "deployed", release(env.deployed()));
            put(e, "readyAt", text(env.readyAt()));
            put(e, "previous", env.previous() == null ? null : env.previous().number());
            put(e, "inProgress", env.inProgress() == null ? null : Map.of("release", env.inProgress().release(),
                    "kind", env.inProgress().kind().name()));
            put(e, "queued", release(env.queued()));
            if (!env.waitingFor().isEmpty()) {
                e.put("waitingFor", env.waitingFor());
            }
            if (env.held()) {
                e.put("held", true);
            }
            if (env.approvalRequired()) {
                e.put("approvalRequired", true);
            }
            put(e, "lastRunUrl", env.lastRunUrl());
            out.put(env.name(), e);
        }
        put(out, "pendingConfig", config(status.pendingConfig()));
        if (status.held()) {
            out.put("onHold", true);
        }
        List<Map<String, Object>> recent = history.subList(Math.max(0, history.size() - RECENT_HISTORY), history.size())
                .stream().map(ReleaseStatusProvider::entry).toList();
        if (!recent.isEmpty()) {
            out.put("recentHistory", recent);
        }
        return out;
    }

    private static Map<String, Object> release(Release r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", r.number());
        m.put("image", r.image().pinned());
        m.put("tag", r.image().tag());
        m.put("configCommit", r.config().commitSha());
        m.put("configBlob", r.config().blobSha());
        m.put("origin", r.origin());
        m.put("status", r.stage());
        put(m, "reason", r.reason());
        return m;
    }

    private static Map<String, Object> config(ConfigRevision c) {
        return c == null ? null : Map.of("commitSha", c.commitSha(), "blobSha", c.blobSha());
    }

    private static Map<String, Object> entry(HistoryEntry h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", h.at().toString());
        m.put("actor", h.actor());
        m.put("action", h.action());
        put(m, "release", h.release());
        put(m, "environment", h.environment());
        put(m, "from", h.from());
        put(m, "to", h.to());
        put(m, "detail", h.detail());
        put(m, "runUrl", h.runUrl());
        return m;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
