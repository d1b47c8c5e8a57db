package io.jenkins.plugins.fathomable.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST repository over the release engine's file store: one record per tracker, one store of truth. */
class StoreTrackerRepositoryTest {

    @TempDir
    Path dir;

    private static Tracker tracker(String id, String tag) {
        return Tracker.of(id, "acme/app", "fathomable.yaml", tag, null, null, null);
    }

    @Test
    void createReplaceDeleteAndObservationsGoToTheOneRecord() {
        FileTrackerStore store = new FileTrackerStore(dir);
        StoreTrackerRepository repo = new StoreTrackerRepository(store);
        TrackerId id = TrackerId.parse("team.app");

        assertThat(repo.createIfAbsent(tracker("team.app", "v1"))).isTrue();
        assertThat(repo.createIfAbsent(tracker("team.app", "v9"))).as("an existing id changes nothing").isFalse();
        assertThat(repo.get(id).orElseThrow().ref().value()).isEqualTo("v1");

        TrackerObservation seen = new TrackerObservation(Instant.parse("2026-03-01T10:00:00Z"), "a".repeat(40), null,
                null, TrackerObservation.Status.NOT_FOUND, "GitHub: fathomable.yaml not found");
        repo.saveObservation(id, seen);
        assertThat(repo.replace(tracker("team.app", "v2"))).isTrue();
        TrackerRecord record = store.get(id).orElseThrow();
        assertThat(record.tracker().ref().value()).isEqualTo("v2");
        assertThat(record.observation()).as("a replace keeps what was seen").isEqualTo(seen);
        assertThat(repo.replace(tracker("team.other", "v1"))).isFalse();

        assertThat(new StoreTrackerRepository(new FileTrackerStore(dir)).observation(id)).as("after reopening")
                .contains(seen);
        assertThat(repo.delete(id)).map(t -> t.ref().value()).contains("v2");
        assertThat(repo.delete(id)).isEmpty();
        repo.saveObservation(id, seen); // a poll finishing after the delete: dropped, no tracker comes back
        assertThat(repo.list()).isEmpty();
        assertThat(store.get(id)).isEmpty();
    }
}
