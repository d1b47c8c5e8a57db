package io.jenkins.plugins.fathomable;

import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code releases} object of {@code GET /trackers/{id}} and the rows of the status page: per environment the
 * deployed, in-progress and waiting release, as plain values (no file content, no secret).
 */
final class ReleaseSummary {

    private ReleaseSummary() {
    }

    static Map<String, Object> of(TrackerStatus status) {
        Map<String, Object> envs = new LinkedHashMap<>();
        for (TrackerStatus.Environment env : status.environments()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("held", env.held());
            e.put("approvalRequired", env.approvalRequired());
            e.put("deployed", release(env.deployed()));
            e.put("readyAt", env.readyAt() == null ? null : env.readyAt().toString());
            e.put("inProgress", env.inProgress() == null ? null : env.inProgress().release());
            e.put("queued", release(env.queued()));
            e.put("waitingFor", env.waitingFor());
            e.put("lastRunUrl", env.lastRunUrl());
            envs.put(env.name(), e);
        }
        return envs;
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

    private static Map<String, Object> release(Release release) {
        if (release == null) {
            return null;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("number", release.number());
        r.put("status", release.status().name());
        r.put("image", release.image());
        r.put("configBlobSha", release.config() == null ? null : release.config().blobSha());
        return r;
    }
}
