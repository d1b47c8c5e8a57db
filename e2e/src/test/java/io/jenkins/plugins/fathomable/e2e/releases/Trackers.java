package io.jenkins.plugins.fathomable.e2e.releases;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.fathomable.e2e.harness.Await;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.ReleaseJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A group's trackers as a script sees them through the REST API on the Jenkins URL ({@code GET /trackers/{id}}):
 * their poll status, per-environment releases and recent history, and waiting for the release flow to get
 * somewhere.
 */
final class Trackers {

    /** A ceiling for background work on a shared machine; each wait ends as soon as its condition holds. */
    static final Duration FLOW = Duration.ofMinutes(4);

    private final JenkinsGroup group;

    Trackers(JenkinsGroup group) {
        this.group = group;
    }

    /** {@code GET /trackers/{id}} as the administrator. */
    JsonNode get(String id) {
        JenkinsClient.Response r = group.admin().get("trackers/" + id);
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
        return r.json();
    }

    JsonNode releases(String id) {
        return get(id).path("releases");
    }

    /** The last 20 history entries, oldest first. */
    List<JsonNode> history(String id) {
        List<JsonNode> out = new ArrayList<>();
        releases(id).path("recentHistory").forEach(out::add);
        return out;
    }

    /** The number of the release in {@code slot} ({@code deployed}, {@code queued}) of {@code env}; 0 if none. */
    static int number(JsonNode releases, String env, String slot) {
        return releases.path(env).path(slot).path("number").asInt();
    }

    /** Waits until tracker {@code id}'s releases satisfy {@code condition}. */
    void await(String id, String what, Predicate<JsonNode> condition) throws InterruptedException {
        Await.until(id + ": " + what, FLOW, () -> condition.test(releases(id)), () -> get(id).toPrettyString()
                + "\nruns: " + ReleaseJobs.runs(group.admin(), ReleaseJobs.job(id)) + "\nqueue: "
                + ReleaseJobs.queue(group.admin()));
    }

    /** Waits until tracker {@code id}'s last poll time has moved on {@code passes} times. */
    void awaitPolls(String id, int passes) throws InterruptedException {
        String last = get(id).path("status").path("lastPoll").asText();
        for (int i = 0; i < passes; i++) {
            String before = last;
            last = Await.value(id + ": poll pass " + (i + 1) + " of " + passes, FLOW, () -> {
                String now = get(id).path("status").path("lastPoll").asText();
                return now.equals(before) ? Optional.empty() : Optional.of(now);
            }, () -> get(id).path("status").toString());
        }
    }
}
