package io.jenkins.plugins.fathomable.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.engine.SpecImagePolicyReader;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.testing.WebhookPayloads;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.webhook.Hint;
import io.jenkins.plugins.fathomable.core.webhook.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.github.extension.GHSubscriberEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.github.GHEvent;

/** The subscription to the GitHub plugin's hook, with core's real receiver over a real tracker store. */
class GitHubWebhookSubscriberTest {

    @TempDir
    Path state;

    private final List<List<String>> looks = new ArrayList<>();
    private final AtomicBoolean signed = new AtomicBoolean(true);
    private Webhooks webhooks;
    private GitHubWebhookSubscriber subscriber;

    @BeforeEach
    void setUp() {
        FileTrackerStore store = new FileTrackerStore(state.resolve("trackers"));
        store.create(TrackerRecord.of(Tracker.of("team.api", "acme/api", "fathomable.yaml", null, null, null, null)));
        store.create(TrackerRecord.of(Tracker.of("team.web", "acme/web", "fathomable.yaml", null, null, null, null)));
        // looks run at once on the delivering thread, so the test sees them when onEvent returns
        webhooks = new Webhooks(store, new SpecImagePolicyReader(), trackers -> looks.add(
                trackers.stream().map(t -> t.id().toString()).toList()), Runnable::run, (delay, task) -> { },
                Clock.systemUTC(), line -> { });
        subscriber = new GitHubWebhookSubscriber(signed::get, () -> webhooks);
    }

    private static GHSubscriberEvent push(String guid, String repo) {
        String payload = new String(WebhookPayloads.push(repo, "refs/heads/main", "2".repeat(40)),
                StandardCharsets.UTF_8);
        return new GHSubscriberEvent(guid, "127.0.0.1 ⇒ http://jenkins/github-webhook/", GHEvent.PUSH, payload);
    }

    @Test
    void aSignedPushLooksAtExactlyTheTrackersOfItsRepository() {
        subscriber.onEvent(push("d-1", "acme/api"));

        assertThat(looks).containsExactly(List.of("team.api"));
        assertThat(webhooks.lastDelivery(Hint.Source.GITHUB)).isPresent();
    }

    @Test
    void withoutASharedSecretNothingIsLookedAtOrRecorded() {
        signed.set(false);

        subscriber.onEvent(push("d-2", "acme/api"));

        assertThat(looks).isEmpty();
        assertThat(webhooks.lastDelivery(Hint.Source.GITHUB)).as("an unsigned delivery is not a webhook that flows")
                .isEmpty();
    }

    @Test
    void aRepeatedDeliveryIdIsIgnored() {
        subscriber.onEvent(push("d-3", "acme/web"));
        subscriber.onEvent(push("d-3", "acme/web"));

        assertThat(looks).containsExactly(List.of("team.web"));
    }

    @Test
    void aMalformedBodyChangesNothingAndIsNotThrownAtTheGitHubPlugin() {
        subscriber.onEvent(new GHSubscriberEvent("d-4", "origin", GHEvent.PUSH, "{\"ref\": 42"));

        assertThat(looks).isEmpty();
        assertThat(webhooks.lastDelivery(Hint.Source.GITHUB)).isEmpty();
    }

    @Test
    void aBrokenConfigurationIsNotThrownAtTheGitHubPluginEither() {
        GitHubWebhookSubscriber unconfigured = new GitHubWebhookSubscriber(() -> true, () -> {
            throw new io.jenkins.plugins.fathomable.core.validation.ValidationException("trackers", "broken");
        });

        unconfigured.onEvent(push("d-5", "acme/api"));

        assertThat(looks).isEmpty();
    }

    @Test
    void subscribesToTheEventsItActsOnAndTriggersNoJob() {
        assertThat(subscriber.events()).containsExactlyInAnyOrder(GHEvent.PUSH, GHEvent.CREATE, GHEvent.DELETE,
                GHEvent.PACKAGE, GHEvent.REGISTRY_PACKAGE, GHEvent.PING);
        assertThat(subscriber.isApplicable(null)).isFalse();
    }
}
