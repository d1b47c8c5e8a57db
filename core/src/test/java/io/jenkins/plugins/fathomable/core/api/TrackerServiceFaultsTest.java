package io.jenkins.plugins.fathomable.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a failed write changes nothing, whichever store fails (item 3); a slow GitHub or registry does not hold
 * the answer, which says the read goes on (item 2); a tracker whose file could not be read says why (item 8).
 */
class TrackerServiceFaultsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final TrackerId ID = TrackerId.parse("a.b");

    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final ExecutorService ingestThreads = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        ingestThreads.shutdownNow();
    }

    /** A secret store on an unwritable directory: every write fails, reads work. */
    private static final class UnwritableSecrets extends InMemorySecretStoreView {
        boolean fail;

        UnwritableSecrets(InMemorySecretStore delegate) {
            super(delegate);
        }

        @Override
        public void put(String id, Secret secret) {
            check();
            super.put(id, secret);
        }

        @Override
        public void remove(String id) {
            check();
            super.remove(id);
        }

        private void check() {
            if (fail) {
                throw new IllegalStateException("cannot write secrets.json: Permission denied");
            }
        }
    }

    /** Delegates to an {@link InMemorySecretStore} so the test can look inside. */
    private static class InMemorySecretStoreView implements SecretStore {
        private final InMemorySecretStore delegate;

        InMemorySecretStoreView(InMemorySecretStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String id, Secret secret) {
            delegate.put(id, secret);
        }

        @Override
        public void remove(String id) {
            delegate.remove(id);
        }

        @Override
        public java.util.Optional<io.jenkins.plugins.fathomable.core.credentials.Credential> lookup(String id) {
            return delegate.lookup(id);
        }
    }

    /** A tracker store on a full disk: every write fails, reads work. */
    private static final class FullDisk extends InMemoryTrackerRepository {
        boolean fail;

        @Override
        public boolean createIfAbsent(Tracker tracker) {
            check();
            return super.createIfAbsent(tracker);
        }

        @Override
        public boolean replace(Tracker tracker) {
            check();
            return super.replace(tracker);
        }

        @Override
        public java.util.Optional<Tracker> delete(TrackerId id) {
            check();
            return super.delete(id);
        }

        private void check() {
            if (fail) {
                throw new IllegalStateException("cannot write a.b.json: No space left on device");
            }
        }
    }

    private static TrackerInput input(String branch, String token, boolean keepStoredToken) {
        String credentialsId = token != null || keepStoredToken ? DefaultTrackerService.secretId(ID) : null;
        return new TrackerInput(Tracker.of(ID.toString(), "acme/app", "f.yaml", null, branch, null, credentialsId),
                token == null ? null : Secret.of(token));
    }

    @Test
    void withTheSecretsFileUnwritableAPutThatDropsTheTokenOrADeleteChangesNothing() {
        InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
        UnwritableSecrets unwritable = new UnwritableSecrets(secrets);
        DefaultTrackerService service = new DefaultTrackerService(repo, unwritable, new FakeIngestor(),
                StatusProvider.none(), CLOCK);
        service.create(input("main", "tok", false));
        Tracker before = repo.get(ID).orElseThrow();
        unwritable.fail = true;

        // anonymous now: the stored token must go, which cannot be written
        assertThatThrownBy(() -> service.replace(input("other", null, false))).hasMessageContaining("Permission denied");
        assertThatThrownBy(() -> service.delete(ID)).hasMessageContaining("Permission denied");

        assertThat(repo.get(ID)).contains(before);
        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("tok");
    }

    @Test
    void withTheTrackerStoreFullAPutOrDeleteLeavesTheSecretAsItWas() {
        FullDisk repo = new FullDisk();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, new FakeIngestor(),
                StatusProvider.none(), CLOCK);
        service.create(input("main", "tok", false));
        Tracker before = repo.get(ID).orElseThrow();
        repo.fail = true;

        assertThatThrownBy(() -> service.replace(input("other", null, false))).hasMessageContaining("No space");
        assertThat(secrets.reveal("fathomable-a.b")).as("token dropped, then put back").isEqualTo("tok");
        assertThatThrownBy(() -> service.replace(input("other", "new", false))).hasMessageContaining("No space");
        assertThat(secrets.reveal("fathomable-a.b")).as("token replaced, then put back").isEqualTo("tok");
        assertThatThrownBy(() -> service.delete(ID)).hasMessageContaining("No space");
        assertThat(secrets.reveal("fathomable-a.b")).as("token removed, then put back").isEqualTo("tok");
        assertThat(repo.get(ID)).contains(before);
    }

    @Test
    void aSlowReadDoesNotHoldTheAnswerAndFinishesAfterIt() throws Exception {
        InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
        CountDownLatch github = new CountDownLatch(1);
        FakeIngestor fake = new FakeIngestor();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, t -> {
            await(github);
            return fake.ingest(t);
        }, StatusProvider.none(), CLOCK, ingestThreads, Duration.ofMillis(200));

        TrackerDetails answer = service.create(input("main", null, false));

        assertThat(answer.status().state()).isEqualTo("READING");
        assertThat(answer.validation().pending()).isTrue();
        assertThat(answer.validation().errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("still reading f.yaml"));
        assertThat(service.get(ID).orElseThrow().status().state()).isEqualTo("READING");

        github.countDown();
        awaitState(service, "OK");
        assertThat(repo.observation(ID).orElseThrow().commitSha()).isEqualTo("sha-of-branch-main");
    }

    @Test
    void aLateReadNeverOverwritesTheObservationOfALaterWrite() throws Exception {
        InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
        CountDownLatch slowMain = new CountDownLatch(1);
        FakeIngestor fake = new FakeIngestor();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, t -> {
            if (t.ref().value().equals("main")) {
                await(slowMain);
            }
            return fake.ingest(t);
        }, StatusProvider.none(), CLOCK, ingestThreads, Duration.ofMillis(200));

        assertThat(service.create(input("main", null, false)).status().state()).isEqualTo("READING");
        assertThat(service.replace(input("fast", null, false)).status().state()).isEqualTo("OK");
        slowMain.countDown();
        ingestThreads.shutdown();
        assertThat(ingestThreads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(repo.observation(ID).orElseThrow().commitSha()).isEqualTo("sha-of-branch-fast");
        assertThat(service.get(ID).orElseThrow().status().state()).isEqualTo("OK");
    }

    @Test
    void aFileThatCouldNotBeReadSaysWhyInsteadOfAnEmptyErrorList() {
        InMemoryTrackerRepository repo = new InMemoryTrackerRepository();
        DefaultTrackerService service = new DefaultTrackerService(repo, secrets, t -> new IngestResult(
                new TrackerObservation(CLOCK.instant(), null, null, null, TrackerObservation.Status.RATE_LIMITED,
                        "GitHub API rate limit exhausted; paused until 2026-11-27T13:00:00Z"), List.of()),
                StatusProvider.none(), CLOCK);

        ValidationView v = service.create(input("main", null, false)).validation();

        assertThat(v.valid()).isFalse();
        assertThat(v.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("sourcePath");
            assertThat(e.message()).isEqualTo("could not be checked: GitHub API rate limit exhausted; paused until"
                    + " 2026-11-27T13:00:00Z");
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitState(DefaultTrackerService service, String state) throws InterruptedException {
        for (int i = 0; i < 600 && !service.get(ID).orElseThrow().status().state().equals(state); i++) {
            Thread.sleep(100);
        }
        assertThat(service.get(ID).orElseThrow().status().state()).isEqualTo(state);
    }
}
