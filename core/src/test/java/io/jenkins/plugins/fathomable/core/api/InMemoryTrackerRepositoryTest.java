package io.jenkins.plugins.fathomable.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryTrackerRepositoryTest {

    private final InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
    private final TrackerId id = TrackerId.parse("a.b");

    private static Tracker tracker(String id, String branch) {
        return Tracker.of(id, "acme/app", "f.yaml", null, branch, null, null);
    }

    private static TrackerObservation seen(String sha) {
        return new TrackerObservation(Instant.EPOCH, sha, null, null, TrackerObservation.Status.OK, null);
    }

    @Test
    void createsOnlyIfAbsentAndReplacesOnlyIfPresent() {
        assertThat(repo.replace(tracker("a.b", "x"))).isFalse();
        assertThat(repo.get(id)).isEmpty();
        assertThat(repo.createIfAbsent(tracker("a.b", "main"))).isTrue();
        assertThat(repo.createIfAbsent(tracker("a.b", "other"))).isFalse();
        assertThat(repo.get(id).orElseThrow().ref().value()).isEqualTo("main");
        assertThat(repo.observation(id)).contains(TrackerObservation.NONE);
        assertThat(repo.replace(tracker("a.b", "next"))).isTrue();
        assertThat(repo.get(id).orElseThrow().ref().value()).isEqualTo("next");
    }

    @Test
    void replaceKeepsTheObservationAndDeleteDropsIt() {
        repo.createIfAbsent(tracker("a.b", null));
        repo.saveObservation(id, seen("c1"));
        repo.replace(tracker("a.b", "dev"));
        assertThat(repo.observation(id).orElseThrow().commitSha()).isEqualTo("c1");

        assertThat(repo.delete(id)).isPresent();
        assertThat(repo.delete(id)).isEmpty();
        repo.saveObservation(id, seen("late")); // a poll finishing after the delete
        assertThat(repo.observation(id)).isEmpty();
        assertThat(repo.get(id)).isEmpty();
    }

    @Test
    void listsInIdOrder() {
        repo.createIfAbsent(tracker("b.x", null));
        repo.createIfAbsent(tracker("a.y", null));
        repo.createIfAbsent(tracker("a.x", null));
        assertThat(repo.list()).extracting(t -> t.id().toString()).containsExactly("a.x", "a.y", "b.x");
    }
}
