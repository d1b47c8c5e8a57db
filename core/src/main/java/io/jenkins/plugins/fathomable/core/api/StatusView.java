package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the last poll (or ingest) saw: {@code state} is a {@link TrackerObservation.Status} name, {@code lastPoll}
 * an ISO-8601 instant, {@code blobSha} the Git blob SHA of {@code fathomable.yaml}. The file content is left out.
 */
public record StatusView(String state, String lastPoll, String commitSha, String blobSha, ImageVersion image,
        String lastError, Map<String, String> lastWebhook) {

    public StatusView(String state, String lastPoll, String commitSha, String blobSha, ImageVersion image,
            String lastError) {
        this(state, lastPoll, commitSha, blobSha, image, lastError, null);
    }

    /**
     * The same, with when a webhook last concerned the tracker per source ({@code github}, {@code registry}); left out
     * when none ever did.
     */
    public StatusView withWebhooks(WebhookTimes times) {
        if (times == null || times.isEmpty()) {
            return this;
        }
        Map<String, String> at = new LinkedHashMap<>();
        if (times.github() != null) {
            at.put("github", times.github().toString());
        }
        if (times.registry() != null) {
            at.put("registry", times.registry().toString());
        }
        return new StatusView(state, lastPoll, commitSha, blobSha, image, lastError, Map.copyOf(at));
    }

    /** Shown while a create or replace is still reading the file (GitHub or the registry is slow to answer). */
    public static final String READING = "READING";

    /** What was seen last, marked as being read again right now. */
    public static StatusView reading(TrackerObservation o) {
        StatusView last = of(o);
        return new StatusView(READING, last.lastPoll(), last.commitSha(), last.blobSha(), last.image(), null);
    }

    public static StatusView of(TrackerObservation o) {
        return new StatusView(o.status().name(),
                o.lastPoll() == null ? null : o.lastPoll().toString(),
                o.commitSha(),
                o.config() == null ? null : o.config().blobSha(),
                o.image(),
                o.lastError());
    }
}
