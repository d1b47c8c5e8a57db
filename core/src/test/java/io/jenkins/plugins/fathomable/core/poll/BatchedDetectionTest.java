package io.jenkins.plugins.fathomable.core.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection for trackers with credentials: batched GraphQL lookups against a stand-in that executes queries as GitHub
 * does, REST only to read a changed file, and the request governor (pauses, budgets, a cycle carrying on).
 */
class BatchedDetectionTest {

    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();
    private static final String TOKEN_A = "ghp_" + "AlphaTokenForBatchedDetection01";
    private static final String TOKEN_B = "ghp_" + "BravoTokenForBatchedDetection02";

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL)).build();

    private static ImagePusher.Pushed pushed;

    @TempDir
    Path cacheDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RequestCounter counter = new RequestCounter();
    private final InMemoryObservationStore store = new InMemoryObservationStore();
    private final List<Tracker> trackers = new CopyOnWriteArrayList<>();
    /** a-token and a-copy hold the same secret; b-token another. */
    private final CredentialsPort credentials = id -> switch (id) {
        case "a-token", "a-copy" -> Optional.of(new Credential.Token(Secret.of(TOKEN_A)));
        case "b-token" -> Optional.of(new Credential.UsernamePassword("robot", Secret.of(TOKEN_B)));
        default -> Optional.empty();
    };
    private GitHubFixture github;
    private ExecutorService executor;
    private RegistryClient registry;
    private int commits;

    @BeforeAll
    static void pushImage() throws Exception {
        pushed = REGISTRY.pusher().image("batch/app", "1.0.0");
    }

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)), GRAPHQL);
        executor = Executors.newFixedThreadPool(4);
        registry = new RegistryClient(HttpClient.newHttpClient(),
                new RegistryConfig(Map.of(), new RegistryConfig.Limits(4, 1000, 3, Duration.ofMillis(100), Duration.ofSeconds(5))),
                CredentialsPort.none(), counter, clock, new RecordingSleeper(clock));
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private PollCycle cycle(GitHubLimits limits) {
        return new PollCycle(() -> trackers, store, github.reader(credentials, limits, cacheDir, counter, clock),
                registry, new YamlImagePolicyReader(), clock, executor);
    }

    private PollCycle cycle() {
        return cycle(GitHubLimits.DEFAULT);
    }

    private static String yaml(String note) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: app\nspec:\n  pattern: web-service\n"
                + "  image:\n    repository: " + REGISTRY.host() + "/batch/app\n    tag: \"1.0.0\"\n# " + note + "\n";
    }

    /** A new commit on main of {@code repo} with {@code paths} each holding {@code content}; returns the commit. */
    private String publish(String repo, String content, String... paths) {
        String sha = GitHubFixture.sha(repo + (++commits));
        github.repository(repo, "main");
        github.commit(repo, "heads/main", sha);
        for (String path : paths.length == 0 ? new String[] {"fathomable.yaml"} : paths) {
            github.file(repo, path, sha, content + "# " + path + "\n");
        }
        return sha;
    }

    private Tracker track(String id, String repo, String path, String credentialsId) {
        Tracker tracker = Tracker.of(id, repo, path, null, null, null, credentialsId);
        trackers.add(tracker);
        return tracker;
    }

    private TrackerObservation observation(String id) {
        return store.observation(TrackerId.parse(id)).orElse(TrackerObservation.NONE);
    }

    private List<String> served() {
        return github.served().stream().map(line -> line.replaceAll("\\?ref=[0-9a-f]{40}", "?ref=C")).toList();
    }

    private static List<JsonNode> graphQlBodies() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> bodies = new java.util.ArrayList<>();
        for (var event : WM.getAllServeEvents()) {
            if (event.getRequest().getUrl().equals("/graphql")) {
                bodies.add(json.readTree(event.getRequest().getBodyAsString()));
            }
        }
        return bodies;
    }

    @Test
    void oneQueryLooksUpEveryFileOfAnIdentityAndOnlyChangedFilesAreReadOverRest() throws Exception {
        publish("acme/api", yaml("api"), "fathomable.yaml", "deploy/worker/fathomable.yaml");
        publish("acme/web", yaml("web"));
        track("team.api", "acme/api", "fathomable.yaml", "a-token");
        track("team.worker", "acme/api", "deploy/worker/fathomable.yaml", "a-token");
        track("team.web", "acme/web", "fathomable.yaml", "a-token");
        PollCycle cycle = cycle();

        CycleReport first = cycle.run();

        assertThat(first.errors()).isEmpty();
        assertThat(first.events()).hasSize(3).allMatch(e -> e instanceof TrackerEvent.Ingested);
        assertThat(served()).containsExactlyInAnyOrder("200 /graphql",
                "200 /repos/acme/api/contents/fathomable.yaml?ref=C",
                "200 /repos/acme/api/contents/deploy/worker/fathomable.yaml?ref=C",
                "200 /repos/acme/web/contents/fathomable.yaml?ref=C");
        assertThat(first.requests()).containsEntry(RequestKind.GITHUB_GRAPHQL, 1L).containsEntry(RequestKind.GITHUB_CONTENTS, 3L)
                .containsEntry(RequestKind.GITHUB_200, 0L).containsEntry(RequestKind.GITHUB_304, 0L);
        WM.verify(postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_A)));
        // names and paths travel as variables, never inside the query text
        JsonNode body = graphQlBodies().get(0);
        assertThat(body.path("query").asText()).doesNotContain("acme", "fathomable.yaml")
                .contains("r0: repository(owner: $o0, name: $n0)", "defaultBranchRef", "object(expression: $e0_0)");
        assertThat(body.path("variables").path("e0_1").asText()).isEqualTo("HEAD:deploy/worker/fathomable.yaml");
        assertThat(observation("team.api").config().blobSha())
                .isEqualTo(GitHubFixture.blobSha((yaml("api") + "# fathomable.yaml\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        WM.resetRequests();
        CycleReport unchanged = cycle.run();

        assertThat(unchanged.events()).isEmpty();
        assertThat(unchanged.errors()).isEmpty();
        assertThat(served()).containsExactly("200 /graphql");
        assertThat(unchanged.requests()).containsEntry(RequestKind.GITHUB_GRAPHQL, 1L).containsEntry(RequestKind.GITHUB_CONTENTS, 0L);

        // a new commit that leaves the files alone: recorded, no read, no event
        String quiet = publish("acme/api", yaml("api"), "fathomable.yaml", "deploy/worker/fathomable.yaml");
        WM.resetRequests();
        CycleReport moved = cycle.run();

        assertThat(moved.events()).isEmpty();
        assertThat(served()).containsExactly("200 /graphql");
        assertThat(observation("team.api").commitSha()).isEqualTo(quiet);

        // a commit changing one file: that file alone is read
        String changedSha = GitHubFixture.sha("changed");
        github.commit("acme/api", "heads/main", changedSha);
        github.file("acme/api", "fathomable.yaml", changedSha, yaml("api") + "# fathomable.yaml\n");
        github.file("acme/api", "deploy/worker/fathomable.yaml", changedSha, yaml("api, edited") + "# w\n");
        WM.resetRequests();
        CycleReport changed = cycle.run();

        assertThat(served()).containsExactlyInAnyOrder("200 /graphql",
                "200 /repos/acme/api/contents/deploy/worker/fathomable.yaml?ref=C");
        assertThat(changed.events()).singleElement().isInstanceOfSatisfying(TrackerEvent.ConfigChanged.class, e -> {
            assertThat(e.tracker()).isEqualTo(TrackerId.parse("team.worker"));
            assertThat(e.current().commitSha()).isEqualTo(changedSha);
            assertThat(e.current().content()).contains("api, edited");
        });
    }

    @Test
    void credentialsHoldingTheSameSecretAreOneIdentityAndAHundredFilesAQuery() throws Exception {
        for (int i = 0; i < 130; i++) {
            publish("acme/svc-" + i, yaml("svc " + i));
            track("svc.s" + i, "acme/svc-" + i, "fathomable.yaml", i % 2 == 0 ? "a-token" : "a-copy");
        }
        publish("acme/other", yaml("other"));
        track("other.app", "acme/other", "fathomable.yaml", "b-token");
        // the same file through both ids of one secret: one lookup, one read
        track("svc.again", "acme/svc-0", "fathomable.yaml", "a-copy");
        PollCycle cycle = cycle();

        CycleReport first = cycle.run();

        assertThat(first.errors()).isEmpty();
        assertThat(first.events()).hasSize(132);
        assertThat(first.requests(RequestKind.GITHUB_GRAPHQL)).isEqualTo(3); // 130 files of A: 2 queries; B: 1
        assertThat(first.requests(RequestKind.GITHUB_CONTENTS)).isEqualTo(131);
        List<JsonNode> bodies = graphQlBodies();
        assertThat(bodies).extracting(b -> b.path("variables").size() / 3).containsExactlyInAnyOrder(100, 30, 1);
        WM.verify(2, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_A)));
        WM.verify(1, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_B)));

        WM.resetRequests();
        CycleReport unchanged = cycle.run();

        assertThat(unchanged.events()).isEmpty();
        assertThat(unchanged.requests(RequestKind.GITHUB_GRAPHQL)).isEqualTo(3);
        assertThat(unchanged.requests(RequestKind.GITHUB_CONTENTS)).isZero();
    }

    @Test
    void missingForbiddenAndWrongThingsGetTheStatusTheyHadOverRest() throws Exception {
        publish("acme/good", yaml("good"), "fathomable.yaml", "dir/fathomable.yaml");
        github.forbid("acme/sso", "Resource protected by organization SAML enforcement. You must grant your OAuth token access to this organization.");
        track("bad.gone", "acme/gone", "fathomable.yaml", "a-token");
        track("bad.sso", "acme/sso", "fathomable.yaml", "a-token");
        track("bad.file", "acme/good", "missing.yaml", "a-token");
        track("bad.dir", "acme/good", "dir", "a-token");
        trackers.add(Tracker.of("bad.branch", "acme/good", "fathomable.yaml", null, "nope", null, "a-token"));
        track("bad.creds", "acme/good", "fathomable.yaml", "no-such-id");
        track("good.app", "acme/good", "fathomable.yaml", "a-token");

        CycleReport report = cycle().run();

        assertThat(report.events()).singleElement().isInstanceOf(TrackerEvent.Ingested.class);
        assertThat(report.errors()).extracting(e -> e.tracker() + " " + e.status()).containsExactly(
                "bad.branch NOT_FOUND", "bad.creds UNAUTHORIZED", "bad.dir INVALID_CONFIG", "bad.file NOT_FOUND",
                "bad.gone NOT_FOUND", "bad.sso FORBIDDEN");
        assertThat(observation("bad.gone").lastError())
                .isEqualTo("GitHub: repository acme/gone not found (or not visible to these credentials)");
        assertThat(observation("bad.sso").lastError()).contains("SAML enforcement");
        assertThat(observation("bad.branch").lastError()).isEqualTo("GitHub: branch nope of acme/good not found");
        assertThat(observation("bad.file").lastError()).startsWith("GitHub: missing.yaml at ").endsWith(" in acme/good not found");
        assertThat(observation("bad.dir").lastError()).contains("dir in acme/good is not a regular file (a directory)");
        assertThat(observation("bad.creds").lastError()).contains("no-such-id");
        assertThat(served()).containsExactlyInAnyOrder("200 /graphql", "200 /repos/acme/good/contents/fathomable.yaml?ref=C");
    }

    @Test
    void annotatedTagsArePeeledAndACommitPinnedFileIsNotLookedUpAgain() throws Exception {
        String sha = publish("acme/tagged", yaml("tagged"));
        github.annotatedTag("acme/tagged", "v1.0.0", sha);
        trackers.add(Tracker.of("tag.app", "acme/tagged", "fathomable.yaml", "v1.0.0", null, null, "a-token"));
        trackers.add(Tracker.of("pin.app", "acme/tagged", "fathomable.yaml", null, null, sha, "b-token"));
        PollCycle cycle = cycle();

        CycleReport first = cycle.run();

        assertThat(first.errors()).isEmpty();
        assertThat(observation("tag.app").commitSha()).isEqualTo(sha);
        assertThat(observation("pin.app").commitSha()).isEqualTo(sha);
        assertThat(graphQlBodies()).extracting(b -> b.path("variables").path("e0_0").asText())
                .containsExactlyInAnyOrder("refs/tags/v1.0.0:fathomable.yaml", sha + ":fathomable.yaml");

        WM.resetRequests();
        CycleReport again = cycle.run();

        assertThat(again.errors()).isEmpty();
        // the pinned tracker (the only one of token B) costs nothing any more
        WM.verify(1, postRequestedFor(urlEqualTo("/graphql")));
        WM.verify(0, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_B)));
        assertThat(observation("pin.app").status()).isEqualTo(Status.OK);
    }

    @Test
    void a403WithRetryAfterPausesThatCredentialAndTheOthersGoOn() throws Exception {
        publish("acme/alpha", yaml("alpha"));
        publish("acme/bravo", yaml("bravo"));
        track("alpha.app", "acme/alpha", "fathomable.yaml", "a-token");
        track("alpha.copy", "acme/alpha", "fathomable.yaml", "a-copy");
        track("bravo.app", "acme/bravo", "fathomable.yaml", "b-token");
        GRAPHQL.refuse(TOKEN_A, 403, Map.of("Retry-After", "120"), "You have exceeded a secondary rate limit."
                + " Please wait a few minutes before you try again.");
        PollCycle cycle = cycle();
        Instant start = clock.instant();

        CycleReport limited = cycle.run();

        assertThat(limited.events()).singleElement().satisfies(e -> assertThat(e.tracker()).isEqualTo(TrackerId.parse("bravo.app")));
        assertThat(limited.errors()).extracting(e -> e.tracker() + " " + e.status())
                .containsExactly("alpha.app RATE_LIMITED", "alpha.copy RATE_LIMITED");
        assertThat(observation("alpha.app").lastError()).isEqualTo("GitHub: requests with these credentials are paused until "
                + start.plusSeconds(120) + ": GitHub answered HTTP 403 with Retry-After: 120 (You have exceeded a secondary"
                + " rate limit. Please wait a few minutes before you try again.)");
        assertThat(observation("bravo.app").status()).isEqualTo(Status.OK);
        WM.verify(1, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_A)));

        // while paused nothing at all is sent with that credential; the other goes on
        clock.advance(Duration.ofSeconds(60));
        WM.resetRequests();
        CycleReport paused = cycle.run();

        assertThat(paused.errors()).extracting(e -> e.tracker() + " " + e.status())
                .containsExactly("alpha.app RATE_LIMITED", "alpha.copy RATE_LIMITED");
        WM.verify(0, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_A)));
        WM.verify(1, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("bearer " + TOKEN_B)));

        clock.advance(Duration.ofSeconds(61));
        GRAPHQL.clearRefusals();
        CycleReport resumed = cycle.run();

        assertThat(resumed.errors()).isEmpty();
        assertThat(resumed.events()).extracting(e -> e.tracker().toString()).containsExactly("alpha.app", "alpha.copy");
        assertThat(observation("alpha.app").status()).isEqualTo(Status.OK);
    }

    @Test
    void anExhaustedRateLimitPausesUntilItsReset() throws Exception {
        publish("acme/alpha", yaml("alpha"));
        track("alpha.app", "acme/alpha", "fathomable.yaml", "a-token");
        Instant reset = clock.instant().plus(Duration.ofMinutes(17));
        GRAPHQL.refuse(TOKEN_A, 403, Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset",
                String.valueOf(reset.getEpochSecond())), "API rate limit exceeded for user ID 1.");

        cycle().run();

        assertThat(observation("alpha.app").status()).isEqualTo(Status.RATE_LIMITED);
        assertThat(observation("alpha.app").lastError()).startsWith("GitHub: requests with these credentials are paused until "
                + reset + ": GitHub answered HTTP 403: rate limit used up (x-ratelimit-remaining: 0)");
    }

    @Test
    void aCycleOverBudgetLeavesTheRestForTheNextOldestCheckedFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            publish("acme/r" + i, yaml("r" + i));
            track("budget.t" + i, "acme/r" + i, "fathomable.yaml", "a-token");
        }
        // two file reads a minute
        PollCycle cycle = cycle(new GitHubLimits(2, 100, 10));

        CycleReport first = cycle.run();

        assertThat(first.requests(RequestKind.GITHUB_CONTENTS)).isEqualTo(2);
        assertThat(first.deferred()).isEqualTo(3);
        assertThat(first.errors()).isEmpty();
        List<String> readFirst = first.events().stream().map(e -> e.tracker().toString()).toList();
        assertThat(readFirst).hasSize(2);
        assertThat(trackers).filteredOn(t -> !readFirst.contains(t.id().toString()))
                .allSatisfy(t -> assertThat(observation(t.id().toString()).status()).isEqualTo(Status.NEVER_POLLED));

        clock.advance(Duration.ofSeconds(61));
        CycleReport second = cycle.run();

        // the three never checked go first: two of them are read now
        assertThat(second.requests(RequestKind.GITHUB_CONTENTS)).isEqualTo(2);
        assertThat(second.deferred()).isEqualTo(1);
        assertThat(second.events()).hasSize(2).noneMatch(e -> readFirst.contains(e.tracker().toString()));

        clock.advance(Duration.ofSeconds(61));
        CycleReport third = cycle.run();

        assertThat(third.requests(RequestKind.GITHUB_CONTENTS)).isEqualTo(1);
        assertThat(third.deferred()).isZero();
        assertThat(third.events()).hasSize(1);
        assertThat(trackers).allSatisfy(t -> assertThat(observation(t.id().toString()).status()).isEqualTo(Status.OK));
    }

    @Test
    void aCycleWaitsForBudgetWithinItsAllowance() throws Exception {
        for (int i = 0; i < 5; i++) {
            publish("acme/w" + i, yaml("w" + i));
            track("wait.t" + i, "acme/w" + i, "fathomable.yaml", "a-token");
        }
        executor.shutdownNow();
        executor = Executors.newSingleThreadExecutor();
        PollCycle cycle = cycle(new GitHubLimits(2, 100, 10));

        CycleReport report = cycle.run(Duration.ofMinutes(5));

        assertThat(report.deferred()).isZero();
        assertThat(report.events()).hasSize(5);
        assertThat(report.requests(RequestKind.GITHUB_CONTENTS)).isEqualTo(5);
        // the clock moved only by the waits for budget: two of 61 s (a minute and a second for clocks) for five reads
        // at two a minute
        assertThat(Duration.between(Instant.parse("2026-03-01T10:00:00Z"), clock.instant()))
                .isBetween(Duration.ofSeconds(122), Duration.ofSeconds(123));
    }

    @Test
    void aRestartReadsNoFileAgain() throws Exception {
        publish("acme/keep", yaml("keep"), "fathomable.yaml", "b/fathomable.yaml");
        track("keep.a", "acme/keep", "fathomable.yaml", "a-token");
        track("keep.b", "acme/keep", "b/fathomable.yaml", "a-copy");
        cycle().run();
        TrackerObservation before = observation("keep.a");

        // a new process: a new reader and cycle, nothing in memory; only the stored observations carry over
        WM.resetRequests();
        CycleReport afterRestart = cycle().run();

        assertThat(afterRestart.events()).isEmpty();
        assertThat(afterRestart.errors()).isEmpty();
        assertThat(served()).containsExactly("200 /graphql");
        assertThat(observation("keep.a").config()).isSameAs(before.config());
        assertThat(observation("keep.a").image().digest()).isEqualTo(pushed.digest());
    }
}
