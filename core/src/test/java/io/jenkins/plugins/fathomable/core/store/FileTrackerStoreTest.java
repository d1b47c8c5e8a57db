package io.jenkins.plugins.fathomable.core.store;

import static io.jenkins.plugins.fathomable.core.testing.Fixtures.config;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.EnvironmentState;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseState;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTrackerStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:30Z");
    private static final TrackerId PAYMENTS = TrackerId.parse("shop.payments");

    @TempDir
    Path dir;

    /** A record using every part of the model, so a round trip proves all of it survives. */
    static TrackerRecord full(String id) {
        Release r1 = new Release(1, image("1.4.2", 1), config(1), T0, "ingested", ReleaseStatus.COMPLETED, "prod",
                Set.of("prod"), null);
        Release r2 = new Release(2, image("1.4.3", 2), config(2), T0.plusSeconds(60), "new-image-version",
                ReleaseStatus.DEPLOYING, "ha", Set.of(), null);
        ReleaseState state = new ReleaseState(2, 5, config(2), config(3), List.of(r1, r2), Map.of(
                "dev", new EnvironmentState(2, T0.plusSeconds(90), 1, null, "https://ci.example/job/x/4/"),
                "ha", new EnvironmentState(1, T0, null, new Deployment(5, 2, Deployment.Kind.PROMOTE,
                        T0.plusSeconds(120)), null)), true, Set.of("prod"));
        TrackerObservation obs = new TrackerObservation(T0, config(2).commitSha(), config(2), image("1.4.3", 2),
                TrackerObservation.Status.OK, null);
        HistoryEntry h = new HistoryEntry(T0, "alice", "approved", 1, "prod", null, null, "looks good", null);
        Tracker t = new Tracker(TrackerId.parse(id), "acme/payments", "deploy/fathomable.yaml", GitRef.tag("v1.4.2"),
                "github-token");
        return new TrackerRecord(t, obs, state, List.of(h));
    }

    @Test
    void recordsSurviveReopeningExactly() {
        FileTrackerStore store = new FileTrackerStore(dir);
        TrackerRecord record = full("shop.payments");
        store.create(record);
        store.create(TrackerRecord.of(tracker("shop.orders")));

        FileTrackerStore reopened = new FileTrackerStore(dir);
        assertThat(reopened.get(PAYMENTS)).contains(record);
        assertThat(reopened.ids()).containsExactly(TrackerId.parse("shop.orders"), PAYMENTS);
        assertThat(reopened.list()).extracting(TrackerRecord::id).containsExactly(TrackerId.parse("shop.orders"), PAYMENTS);
    }

    @Test
    void fileHasFormatVersionReadableTimesAndNoSecret() throws Exception {
        new FileTrackerStore(dir).create(full("shop.payments"));
        String json = Files.readString(dir.resolve("shop.payments.json"), StandardCharsets.UTF_8);
        assertThat(json).contains("\"formatVersion\" : 1", "\"id\" : \"shop.payments\"",
                "\"credentialsId\" : \"github-token\"", "\"lastPoll\" : \"2026-11-27T10:15:30Z\"");
        assertThat(json).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("secret");
    }

    @Test
    void createRefusesAnExistingTracker() {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(tracker("shop.payments")));
        assertThatThrownBy(() -> store.create(full("shop.payments")))
                .isInstanceOf(TrackerExistsException.class).hasMessageContaining("shop.payments");
        assertThat(store.get(PAYMENTS)).contains(TrackerRecord.of(tracker("shop.payments")));
    }

    @Test
    void updateOfAMissingTrackerFailsAndCreatesNothing() {
        FileTrackerStore store = new FileTrackerStore(dir);
        assertThatThrownBy(() -> store.update(PAYMENTS, r -> r)).isInstanceOf(NoSuchTrackerException.class)
                .hasMessage("no tracker shop.payments");
        assertThat(dir.resolve("shop.payments.json")).doesNotExist();
    }

    @Test
    void aFailingUpdateWritesNothing() {
        FileTrackerStore store = new FileTrackerStore(dir);
        TrackerRecord record = store.create(full("shop.payments"));
        assertThatThrownBy(() -> store.update(PAYMENTS, r -> {
            throw new IllegalStateException("rule refused");
        })).hasMessage("rule refused");
        assertThat(new FileTrackerStore(dir).get(PAYMENTS)).contains(record);
    }

    @Test
    void anUpdateMayNotChangeTheId() {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(tracker("shop.payments")));
        assertThatThrownBy(() -> store.update(PAYMENTS, r -> r.withTracker(tracker("shop.orders"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not change the tracker id");
        assertThat(store.get(PAYMENTS).orElseThrow().tracker()).isEqualTo(tracker("shop.payments"));
    }

    @Test
    void anUnchangedRecordIsNotWrittenAgain() throws Exception {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(tracker("shop.payments")));
        Files.delete(dir.resolve("shop.payments.json"));
        store.update(PAYMENTS, r -> r);
        assertThat(dir.resolve("shop.payments.json")).doesNotExist();
        store.update(PAYMENTS, r -> r.withObservation(full("shop.payments").observation()));
        assertThat(dir.resolve("shop.payments.json")).exists();
    }

    @Test
    void writingOneTrackerLeavesOtherFilesUntouched() throws Exception {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(tracker("shop.orders")));
        store.create(TrackerRecord.of(tracker("shop.payments")));
        Path orders = dir.resolve("shop.orders.json");
        FileTime marked = FileTime.from(T0);
        Files.setLastModifiedTime(orders, marked);
        byte[] before = Files.readAllBytes(orders);

        store.update(PAYMENTS, r -> r.withHistory(full("shop.payments").history()));

        assertThat(Files.getLastModifiedTime(orders)).isEqualTo(marked);
        assertThat(Files.readAllBytes(orders)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("shop.orders.json", "shop.payments.json");
        }
    }

    @Test
    void deleteRemovesTheFile() {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(tracker("shop.payments")));
        assertThat(store.delete(PAYMENTS)).isTrue();
        assertThat(store.delete(PAYMENTS)).isFalse();
        assertThat(store.get(PAYMENTS)).isEmpty();
        assertThat(dir.resolve("shop.payments.json")).doesNotExist();
        assertThat(new FileTrackerStore(dir).ids()).isEmpty();
    }

    @Test
    void leftoverTemporaryFilesAreRemovedOnOpenAndNeverRead() throws Exception {
        FileTrackerStore store = new FileTrackerStore(dir);
        TrackerRecord record = store.create(TrackerRecord.of(tracker("shop.payments")));
        // What a crash in the middle of a write leaves: a truncated temporary file beside the real one.
        Path half = dir.resolve(".shop.payments.4711.tmp");
        Files.writeString(half, "{\"formatVersion\" : 1, \"record\" : {\"tracker\" : {\"id\" : \"shop.pay");

        FileTrackerStore reopened = new FileTrackerStore(dir);
        assertThat(half).doesNotExist();
        assertThat(reopened.get(PAYMENTS)).contains(record);
    }

    @Test
    void aNewerFormatIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("shop.payments.json"), "{\"formatVersion\" : 2, \"record\" : {}}");
        assertThatThrownBy(() -> new FileTrackerStore(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("shop.payments.json").hasMessageContaining("format version 2");
    }

    @Test
    void aFileWithoutFormatVersionIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("shop.payments.json"), "[]");
        assertThatThrownBy(() -> new FileTrackerStore(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("shop.payments.json").hasMessageContaining("no formatVersion");
    }

    @Test
    void aFileHoldingAnotherTrackerIsRefused() throws Exception {
        new FileTrackerStore(dir).create(TrackerRecord.of(tracker("shop.orders")));
        Files.move(dir.resolve("shop.orders.json"), dir.resolve("shop.payments.json"));
        assertThatThrownBy(() -> new FileTrackerStore(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("holds tracker shop.orders, not shop.payments");
    }

    @Test
    void servesAsTheObservationStore() {
        FileTrackerStore store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(tracker("shop.payments")));
        assertThat(store.observation(PAYMENTS)).contains(TrackerObservation.NONE);
        TrackerObservation seen = full("x.y").observation();
        store.saveObservation(PAYMENTS, seen);
        assertThat(new FileTrackerStore(dir).observation(PAYMENTS)).contains(seen);
        assertThat(store.observation(TrackerId.parse("shop.orders"))).isEmpty();
        assertThatThrownBy(() -> store.saveObservation(TrackerId.parse("shop.orders"), seen))
                .isInstanceOf(NoSuchTrackerException.class);
    }
}
