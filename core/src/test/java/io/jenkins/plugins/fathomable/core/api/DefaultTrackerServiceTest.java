package io.jenkins.plugins.fathomable.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DefaultTrackerServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private final InMemorySecretStore secrets = new InMemorySecretStore();

    /** A repository whose writes fail, to check that the secret step is undone. */
    private static final class FailingWrites extends InMemoryTrackerRepository {
        boolean fail;

        @Override
        public boolean createIfAbsent(Tracker tracker) {
            if (fail) {
                throw new IllegalStateException("write failed");
            }
            return super.createIfAbsent(tracker);
        }

        @Override
        public boolean replace(Tracker tracker) {
            if (fail) {
                throw new IllegalStateException("write failed");
            }
            return super.replace(tracker);
        }
    }

    private static TrackerInput input(String id, String token) {
        Tracker t = Tracker.of(id, "acme/app", "f.yaml", null, null, null,
                token == null ? null : DefaultTrackerService.secretId(TrackerId.parse(id)));
        return new TrackerInput(t, token == null ? null : Secret.of(token));
    }

    @Test
    void aFailedCreateLeavesNoSecretBehind() {
        FailingWrites repo = new FailingWrites();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, new FakeIngestor(), StatusProvider.none(), CLOCK);
        repo.fail = true;

        assertThatThrownBy(() -> service.create(input("a.b", "tok"))).hasMessage("write failed");

        assertThat(secrets.values).isEmpty();
        assertThat(repo.list()).isEmpty();
    }

    @Test
    void aFailedReplaceRestoresThePreviousSecret() {
        FailingWrites repo = new FailingWrites();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, new FakeIngestor(), StatusProvider.none(), CLOCK);
        service.create(input("a.b", "first"));
        repo.fail = true;

        assertThatThrownBy(() -> service.replace(input("a.b", "second"))).hasMessage("write failed");

        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("first");
    }

    @Test
    void anIngestorThatThrowsIsRecordedAsAnErrorWithoutItsMessage() {
        InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets,
                t -> { throw new IllegalArgumentException("secret-ish detail"); }, StatusProvider.none(), CLOCK);

        TrackerDetails d = service.create(input("a.b", null));

        assertThat(d.status().state()).isEqualTo("ERROR");
        assertThat(d.status().lastError()).isEqualTo("ingest failed (IllegalArgumentException)");
        assertThat(d.status().lastPoll()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(d.validation().valid()).isFalse();
        assertThat(repo.observation(TrackerId.parse("a.b")).orElseThrow().status()).isEqualTo(TrackerObservation.Status.ERROR);
    }

    @Test
    void concurrentReplacesKeepTrackerObservationAndSecretTogether() throws Exception {
        InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, new FakeIngestor(), StatusProvider.none(), CLOCK);
        service.create(input("a.b", "t0"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TrackerDetails>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                done.add(pool.submit(() -> service.replace(new TrackerInput(
                        Tracker.of("a.b", "acme/app", "f.yaml", null, "b" + n, null, "fathomable-a.b"),
                        Secret.of("t" + n)))));
            }
            for (Future<TrackerDetails> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Tracker last = repo.get(TrackerId.parse("a.b")).orElseThrow();
        String branch = last.ref().value();
        assertThat(repo.observation(last.id()).orElseThrow().commitSha()).isEqualTo("sha-of-branch-" + branch);
        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("t" + branch.substring(1));
    }
}
