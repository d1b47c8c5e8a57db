package io.jenkins.plugins.fathomable.core.tracker;

import java.time.Instant;

/**
 * When a webhook last concerned a tracker, per source: its GitHub repository ({@code github}: a push, a created or
 * deleted ref, a ping) and its image repository ({@code registry}: a registry notification, Docker Hub, GitHub's
 * package events). {@code null} where none ever came. Persisted with the tracker; a tracker whose sources both send
 * webhooks is polled less often (the poll is then only the safety net).
 */
public record WebhookTimes(Instant github, Instant registry) {

    public static final WebhookTimes NONE = new WebhookTimes(null, null);

    public WebhookTimes withGitHub(Instant at) {
        return new WebhookTimes(later(github, at), registry);
    }

    public WebhookTimes withRegistry(Instant at) {
        return new WebhookTimes(github, later(registry, at));
    }

    public boolean isEmpty() {
        return github == null && registry == null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
