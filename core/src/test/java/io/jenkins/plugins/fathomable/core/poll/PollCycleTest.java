package io.jenkins.plugins.fathomable.core.poll;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The poll cycle end to end: WireMock GitHub, a real registry, the in-memory store. */
class PollCycleTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path cacheDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RequestCounter counter = new RequestCounter();
    private final InMemoryObservationStore store = new InMemoryObservationStore();
    private final List<Tracker> trackers = new CopyOnWriteArrayList<>();
    private GitHubFixture github;
    private ExecutorService executor;
    private PollCycle cycle;
    private RegistryClient registry;
    private final java.util.concurrent.atomic.AtomicInteger parses = new java.util.concurrent.atomic.AtomicInteger();
    private int commits;

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)));
        executor = Executors.newFixedThreadPool(4);
        registry = new RegistryClient(HttpClient.newHttpClient(),
                new RegistryConfig(Map.of(), new RegistryConfig.Limits(4, 1000, 3, Duration.ofMillis(100), Duration.ofSeconds(5))),
                CredentialsPort.none(), counter, clock, new RecordingSleeper(clock));
        cycle = new PollCycle(() -> trackers, store,
                github.reader(CredentialsPort.none(), cacheDir, counter, clock),
                registry, yaml -> {
                    parses.incrementAndGet();
                    return new YamlImagePolicyReader().read(yaml);
                }, clock, executor);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private static String yaml(String repository, String policy) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: app\nspec:\n  pattern: web-service\n"
                + "  image:\n    repository: " + repository + "\n    " + policy + "\n";
    }

    /** Publishes {@code content} as a new commit on main of {@code repo}; returns the commit SHA. */
    private String publish(String repo, String content) {
        String sha = GitHubFixture.sha(repo + (++commits));
        github.repository(repo, "main");
        github.commit(repo, "heads/main", sha);
        github.file(repo, "fathomable.yaml", sha, content);
        return sha;
    }

    private Tracker track(String id, String repo) {
        Tracker tracker = Tracker.of(id, repo, "fathomable.yaml", null, null, null, null);
        trackers.add(tracker);
        return tracker;
    }

    private String image(String repository) {
        return REGISTRY.host() + "/" + repository;
    }

    private TrackerObservation observation(String id) {
        return store.observation(TrackerId.parse(id)).orElseThrow();
    }

    @Test
    void firstCycleIngestsAndAnUnchangedCycleSendsOneHeadPerDistinctTagAndOnly304s() throws Exception {
        ImagePusher.Pushed api = REGISTRY.pusher().image("same/api", "1.0.0");
        ImagePusher.Pushed worker = REGISTRY.pusher().image("same/worker", "1.0.0");
        REGISTRY.pusher().tag("same/worker", "1.1.0", worker);
        REGISTRY.pusher().tag("same/worker", "2.0.0", worker);
        REGISTRY.pusher().tag("same/worker", "1.2.0-rc.1", worker);
        publish("acme/api", yaml(image("same/api"), "tag: \"1.0.0\""));
        publish("acme/worker", yaml(image("same/worker"), "semver: \"^1.0\""));
        publish("acme/other", yaml(image("same/api"), "tag: \"1.0.0\""));
        track("team.api", "acme/api");
        track("team.api-mirror", "acme/api"); // same repo, ref and path: one GitHub lookup
        track("team.worker", "acme/worker");
        track("team.other", "acme/other");    // same image and tag as team.api: one HEAD

        CycleReport first = cycle.run();

        assertThat(first.errors()).isEmpty();
        assertThat(first.events()).hasSize(4).allMatch(e -> e instanceof TrackerEvent.Ingested);
        assertThat(observation("team.worker").image()).isEqualTo(new ImageVersion(image("same/worker"), "1.1.0", worker.digest()));
        assertThat(observation("team.api").image()).isEqualTo(new ImageVersion(image("same/api"), "1.0.0", api.digest()));
        assertThat(observation("team.api").status()).isEqualTo(Status.OK);
        assertThat(first.requests(RequestKind.HEAD_MANIFEST)).isEqualTo(2);
        assertThat(first.requests(RequestKind.GITHUB_200)).isEqualTo(9);
        // one instance per image tag, not per tracker (heap per tracker)
        ImageVersion shared = observation("team.api").image();
        int parsedFirst = parses.get();
        assertThat(observation("team.other").image()).isSameAs(shared);

        int registryMark = REGISTRY.logMark();
        WM.resetRequests();
        CycleReport unchanged = cycle.run();

        assertThat(observation("team.api").image()).isSameAs(shared);
        assertThat(observation("team.other").image()).isSameAs(shared);
        assertThat(parsedFirst).isBetween(3, 4); // api and api-mirror share one read, and may both parse it
        assertThat(parses.get()).as("files not parsed again while unchanged").isEqualTo(parsedFirst);

        assertThat(unchanged.events()).isEmpty();
        assertThat(unchanged.errors()).isEmpty();
        assertThat(REGISTRY.requestsSince(registryMark)).containsExactlyInAnyOrder(
                "HEAD /v2/same/api/manifests/1.0.0 200",
                "HEAD /v2/same/worker/manifests/1.1.0 200",
                "GET /v2/same/worker/tags/list?n=100 200");
        // repository and ref only: the ref still names the commit the file was read at, so the file is not read again
        assertThat(github.served()).hasSize(6).allMatch(line -> line.startsWith("304 ") && line.endsWith(" conditional"))
                .noneMatch(line -> line.contains("/contents/"));
        assertThat(unchanged.requests()).containsEntry(RequestKind.HEAD_MANIFEST, 2L)
                .containsEntry(RequestKind.GET_MANIFEST, 0L)
                .containsEntry(RequestKind.BLOB, 0L)
                .containsEntry(RequestKind.TOKEN, 0L)
                .containsEntry(RequestKind.TAGS_LIST, 1L)
                .containsEntry(RequestKind.GITHUB_200, 0L)
                .containsEntry(RequestKind.GITHUB_304, 6L)
                .containsEntry(RequestKind.GITHUB_ERROR, 0L);
        assertThat(counter.count(RequestKind.BLOB)).isZero();
        assertThat(counter.count(RequestKind.GET_MANIFEST)).isZero();
    }

    @Test
    void anonymousTrackersInOneRepositoryShareItsRepositoryAndRefRequestsPerCycle() throws Exception {
        REGISTRY.pusher().image("mono/app", "1.0.0");
        String content = yaml(image("mono/app"), "tag: \"1.0.0\"");
        String sha = publish("acme/mono", content);
        github.file("acme/mono", "worker/fathomable.yaml", sha, content);
        github.file("acme/mono", "api/fathomable.yaml", sha, content);
        track("mono.web", "acme/mono");
        trackers.add(Tracker.of("mono.worker", "acme/mono", "worker/fathomable.yaml", null, null, null, null));
        // the default branch named explicitly: the same ref, so the same request
        trackers.add(Tracker.of("mono.api", "acme/mono", "api/fathomable.yaml", null, "main", null, null));

        CycleReport first = cycle.run();

        assertThat(first.errors()).isEmpty();
        assertThat(first.events()).hasSize(3);
        assertThat(github.served()).filteredOn(line -> !line.contains("/contents/")).containsExactlyInAnyOrder(
                "200 /repos/acme/mono", "200 /repos/acme/mono/commits/heads/main");
        assertThat(github.served()).filteredOn(line -> line.contains("/contents/")).hasSize(3);

        WM.resetRequests();
        CycleReport unchanged = cycle.run();

        assertThat(unchanged.events()).isEmpty();
        assertThat(github.served()).containsExactlyInAnyOrder(
                "304 /repos/acme/mono conditional", "304 /repos/acme/mono/commits/heads/main conditional");
        assertThat(unchanged.requests()).containsEntry(RequestKind.GITHUB_304, 2L).containsEntry(RequestKind.GITHUB_200, 0L)
                .containsEntry(RequestKind.GITHUB_GRAPHQL, 0L);
    }

    @Test
    void aFailedRepositoryLookupFailsEveryTrackerOfThatRepositoryWithOneRequest() throws Exception {
        github.error("/repos/acme/gone", 404, "Not Found", 4990);
        trackers.add(Tracker.of("gone.web", "acme/gone", "fathomable.yaml", null, null, null, null));
        trackers.add(Tracker.of("gone.worker", "acme/gone", "worker/fathomable.yaml", null, null, null, null));

        CycleReport report = cycle.run();

        assertThat(report.errors()).extracting(e -> e.tracker() + " " + e.status())
                .containsExactly("gone.web NOT_FOUND", "gone.worker NOT_FOUND");
        assertThat(observation("gone.worker").lastError()).contains("repository acme/gone not found");
        assertThat(github.served()).containsExactly("404 /repos/acme/gone");
    }

    @Test
    void configChangeImageUpdateAndNewVersionEachBecomeTheirEvent() throws Exception {
        ImagePusher.Pushed fixed = REGISTRY.pusher().image("events/fixed", "stable");
        ImagePusher.Pushed ranged = REGISTRY.pusher().image("events/ranged", "1.0.0");
        String fixedYaml = yaml(image("events/fixed"), "tag: stable");
        publish("acme/fixed", fixedYaml);
        publish("acme/ranged", yaml(image("events/ranged"), "semver: \"~1.0\""));
        track("ev.fixed", "acme/fixed");
        track("ev.ranged", "acme/ranged");
        cycle.run();
        TrackerObservation before = observation("ev.fixed");

        String changedYaml = fixedYaml.replace("pattern: web-service", "pattern: worker");
        String newCommit = publish("acme/fixed", changedYaml);
        ImagePusher.Pushed rebuilt = REGISTRY.pusher().image("events/fixed", "stable");
        REGISTRY.pusher().tag("events/ranged", "1.0.1", ranged);
        REGISTRY.pusher().tag("events/ranged", "1.1.0", ranged); // outside ~1.0
        CycleReport report = cycle.run();

        TrackerObservation after = observation("ev.fixed");
        assertThat(report.events()).hasSize(3);
        assertThat(report.events().get(0)).isInstanceOfSatisfying(TrackerEvent.ConfigChanged.class, e -> {
            assertThat(e.previous()).isEqualTo(before.config());
            assertThat(e.current().commitSha()).isEqualTo(newCommit);
            assertThat(e.current().blobSha()).isEqualTo(GitHubFixture.blobSha(changedYaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        });
        assertThat(report.events().get(1)).isEqualTo(new TrackerEvent.ImageUpdated(TrackerId.parse("ev.fixed"),
                after.lastPoll(), new ImageVersion(image("events/fixed"), "stable", fixed.digest()),
                new ImageVersion(image("events/fixed"), "stable", rebuilt.digest())));
        assertThat(report.events().get(2)).isInstanceOfSatisfying(TrackerEvent.NewImageVersion.class, e -> {
            assertThat(e.previous().tag()).isEqualTo("1.0.0");
            assertThat(e.current().tag()).isEqualTo("1.0.1");
        });
    }

    @Test
    void aNewCommitWithTheSameFileIsNoEventButIsRecorded() throws Exception {
        REGISTRY.pusher().image("quiet/app", "1.0.0");
        String content = yaml(image("quiet/app"), "tag: \"1.0.0\"");
        publish("acme/quiet", content);
        track("quiet.app", "acme/quiet");
        cycle.run();

        String next = publish("acme/quiet", content);
        CycleReport report = cycle.run();

        assertThat(report.events()).isEmpty();
        assertThat(observation("quiet.app").commitSha()).isEqualTo(next);
    }

    @Test
    void aTrackerRepointedToAnotherFileAtTheSameCommitReadsThatFile() throws Exception {
        REGISTRY.pusher().image("repoint/a", "1.0.0");
        ImagePusher.Pushed b = REGISTRY.pusher().image("repoint/b", "1.0.0");
        String sha = publish("acme/mono", yaml(image("repoint/a"), "tag: \"1.0.0\""));
        github.file("acme/mono", "b/fathomable.yaml", sha, yaml(image("repoint/b"), "tag: \"1.0.0\""));
        track("mono.app", "acme/mono");
        cycle.run();

        trackers.clear();
        trackers.add(Tracker.of("mono.app", "acme/mono", "b/fathomable.yaml", null, null, null, null));
        CycleReport report = cycle.run();

        assertThat(report.events()).hasSize(2);
        assertThat(report.events().get(0)).isInstanceOfSatisfying(TrackerEvent.ConfigChanged.class,
                e -> assertThat(e.current().content()).contains("repoint/b"));
        assertThat(report.events().get(1)).isInstanceOfSatisfying(TrackerEvent.NewImageVersion.class,
                e -> assertThat(e.current()).isEqualTo(new ImageVersion(image("repoint/b"), "1.0.0", b.digest())));
        assertThat(observation("mono.app").config().commitSha()).isEqualTo(sha);
    }

    @Test
    void oneFailingTrackerOrRegistryNeverStopsTheOthers() throws Exception {
        ImagePusher.Pushed good = REGISTRY.pusher().image("iso/good", "1.0.0");
        publish("acme/good", yaml(image("iso/good"), "tag: \"1.0.0\""));
        github.error("/repos/acme/missing", 404, "Not Found", 4990);
        publish("acme/invalid", yaml(image("iso/good"), "semver: banana"));
        publish("acme/down", yaml("127.0.0.1:1/iso/app", "tag: \"1.0.0\""));
        publish("acme/notag", yaml(image("iso/good"), "tag: \"9.9.9\""));
        publish("acme/nomatch", yaml(image("iso/good"), "semver: \"^5\""));
        track("iso.good", "acme/good");
        track("iso.missing", "acme/missing");
        track("iso.invalid", "acme/invalid");
        track("iso.down", "acme/down");
        track("iso.notag", "acme/notag");
        track("iso.nomatch", "acme/nomatch");
        trackers.add(Tracker.of("iso.creds", "acme/good", "fathomable.yaml", null, null, null, "no-such-credentials"));

        CycleReport report = cycle.run();

        assertThat(report.events()).singleElement().isInstanceOf(TrackerEvent.Ingested.class);
        assertThat(observation("iso.good").image().digest()).isEqualTo(good.digest());
        assertThat(report.errors()).extracting(e -> e.tracker().toString() + " " + e.status()).containsExactly(
                "iso.creds UNAUTHORIZED", "iso.down REGISTRY_ERROR", "iso.invalid INVALID_CONFIG", "iso.missing NOT_FOUND",
                "iso.nomatch NOT_FOUND", "iso.notag NOT_FOUND");
        assertThat(observation("iso.invalid").lastError()).contains("spec.image.semver", "(line 9, column 13)");
        assertThat(observation("iso.nomatch").lastError()).contains("satisfies ^5");
        assertThat(observation("iso.creds").lastError()).contains("no-such-credentials");
    }

    @Test
    void aFailedPollKeepsTheLastGoodStateAndRecoveryComparesAgainstIt() throws Exception {
        ImagePusher.Pushed first = REGISTRY.pusher().image("keep/app", "1.0.0");
        String content = yaml(image("keep/app"), "tag: \"1.0.0\"");
        publish("acme/keep", content);
        track("keep.app", "acme/keep");
        cycle.run();
        TrackerObservation good = observation("keep.app");

        github.error("/repos/acme/keep", 403, "API rate limit exceeded for user ID 1.", 0);
        CycleReport limited = cycle.run();

        TrackerObservation failed = observation("keep.app");
        assertThat(limited.errors()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(Status.RATE_LIMITED));
        assertThat(failed.status()).isEqualTo(Status.RATE_LIMITED);
        assertThat(failed.config()).isEqualTo(good.config());
        assertThat(failed.image()).isEqualTo(good.image());
        assertThat(failed.lastPoll()).isAfterOrEqualTo(good.lastPoll());

        clock.advance(Duration.ofHours(2));
        publish("acme/keep", content);
        ImagePusher.Pushed second = REGISTRY.pusher().image("keep/app", "1.0.0");
        CycleReport recovered = cycle.run();

        assertThat(recovered.events()).singleElement().isInstanceOfSatisfying(TrackerEvent.ImageUpdated.class, e -> {
            assertThat(e.previous().digest()).isEqualTo(first.digest());
            assertThat(e.current().digest()).isEqualTo(second.digest());
        });
        assertThat(observation("keep.app").status()).isEqualTo(Status.OK);
        assertThat(observation("keep.app").lastError()).isNull();
    }

    @Test
    void pollOneIngestsATrackerImmediately() throws Exception {
        ImagePusher.Pushed index = REGISTRY.pusher().index("now/app", "2.0.0");
        publish("acme/now", yaml(image("now/app"), "tag: \"2.0.0\""));
        Tracker tracker = Tracker.of("now.app", "acme/now", "fathomable.yaml", null, null, null, null);

        CycleReport report = cycle.pollOne(tracker);

        assertThat(report.trackers()).isEqualTo(1);
        assertThat(report.events()).singleElement().isInstanceOfSatisfying(TrackerEvent.Ingested.class,
                e -> assertThat(e.image().digest()).isEqualTo(index.digest()));
        assertThat(observation("now.app").image().pinned()).isEqualTo(image("now/app") + "@" + index.digest());
    }

    @Test
    void aPassLeavesOutATrackerLookedAtSinceItBeganAndALookPollsOnlyItsTrackers() throws Exception {
        REGISTRY.pusher().image("look/a", "1.0.0");
        REGISTRY.pusher().image("look/b", "1.0.0");
        publish("acme/look-a", yaml(image("look/a"), "tag: \"1.0.0\""));
        publish("acme/look-b", yaml(image("look/b"), "tag: \"1.0.0\""));
        Tracker a = track("look.a", "acme/look-a");
        track("look.b", "acme/look-b");
        cycle.run();

        // a webhook's look: exactly one tracker, on threads of its own
        ExecutorService lookThreads = Executors.newSingleThreadExecutor();
        try {
            REGISTRY.pusher().image("look/a", "1.0.0");
            REGISTRY.pusher().image("look/b", "1.0.0");
            clock.advance(Duration.ofSeconds(1));
            CycleReport look = cycle.pollSome(List.of(a), lookThreads);
            assertThat(look.trackers()).isEqualTo(1);
            assertThat(look.events()).extracting(e -> e.tracker().toString()).containsExactly("look.a");
            assertThat(observation("look.b").lastPoll()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        } finally {
            lookThreads.shutdownNow();
        }

        // a pass that began before that look must not compare a's newer observation with what it reads itself
        store.saveObservation(a.id(), withLastPoll(observation("look.a"), clock.instant().plusSeconds(5)));
        TrackerObservation lookedAt = observation("look.a");
        CycleReport pass = cycle.run();
        assertThat(pass.events()).extracting(e -> e.tracker().toString()).containsExactly("look.b");
        assertThat(observation("look.a")).isEqualTo(lookedAt);
    }

    private static TrackerObservation withLastPoll(TrackerObservation o, Instant at) {
        return new TrackerObservation(at, o.commitSha(), o.config(), o.image(), o.status(), o.lastError());
    }
}
