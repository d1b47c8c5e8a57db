package io.jenkins.plugins.fathomable.cli.serve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with its real engine, over real HTTP: GitHub on WireMock (realistic bodies, ETags, 304s), images on a
 * real registry, releases rendered into the state directory (render only).
 */
class ServeLoopTest {

    private static final String ADMIN_TOKEN = "admin-" + "7c1d0a4e9f3b42d6a8e5";
    private static final String GITHUB_TOKEN = "ghp_" + "LoopTestTokenValue0123456789abcdef";
    private static final String REPO = "acme/shop";
    private static final String ID = "shop.web";

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL)).build();

    @TempDir
    Path stateDir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private GitHubFixture github;
    private ServeApp app;
    private int commits;

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
        app = start();
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private ServeApp start() {
        return start(URI.create(github.apiUrl()));
    }

    private ServeApp start(URI gitHubApi) {
        return start(gitHubApi, Duration.ofSeconds(60)); // these tests check complete answers
    }

    private ServeApp start(URI gitHubApi, Duration answerWithin) {
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, stateDir, gitHubApi,
                Duration.ofHours(1), false, ServeSettings.DEFAULT_ENVIRONMENTS, List.of(), true)
                .withAnswerWithin(answerWithin);
        return ServeApp.start(settings, LocalEngine::new, Optional.of(ADMIN_TOKEN), log::add, Clock.systemUTC(),
                new SecureRandom());
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    private static String image() {
        return REGISTRY.host() + "/shop/web";
    }

    private static String spec(String extra) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: web\nspec:\n  pattern: web-service\n"
                + "  image:\n    repository: " + image() + "\n    tag: \"1.0.0\"\n  ports:\n    - name: http\n"
                + "      port: 8080\n" + extra;
    }

    /** A new commit on main whose fathomable.yaml is {@code content}; returns {commit, blob}. */
    private String[] publish(String content) {
        String sha = GitHubFixture.sha(REPO + (++commits));
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", sha);
        String blob = github.file(REPO, "fathomable.yaml", sha, content);
        return new String[] {sha, blob};
    }

    private String push() throws Exception {
        return REGISTRY.pusher().image("shop/web", "1.0.0").digest();
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), BodyHandlers.ofString());
        bodies.add(r.body());
        return r;
    }

    private JsonNode post() throws Exception {
        HttpResponse<String> r = send("POST", "/trackers/", "{\"id\":\"" + ID + "\",\"repo\":\"" + REPO
                + "\",\"sourcePath\":\"fathomable.yaml\",\"token\":\"" + GITHUB_TOKEN + "\"}", ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body());
    }

    private JsonNode get() throws Exception {
        HttpResponse<String> r = send("GET", "/trackers/" + ID, null, ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** Deployments run on the engine's workers: waits (bounded) until the tracker shows {@code condition}. */
    private JsonNode await(String what, Predicate<JsonNode> condition) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 600; i++) {
            last = get();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never saw " + what + "; last: " + last);
    }

    private static Predicate<JsonNode> deployed(String env, int release) {
        return t -> t.path("releases").path(env).path("deployed").path("number").asInt() == release;
    }

    private String releaseFile(String env, int release) throws Exception {
        return Files.readString(stateDir.resolve(LocalEngine.RELEASES_DIR).resolve(ID).resolve(env)
                .resolve(release + ".yaml"));
    }

    // --- tests --------------------------------------------------------------------------------------------------

    @Test
    void aPostIngestsAtOnceAndTheTrackerShowsCommitBlobValidationAndStatus() throws Exception {
        String digest = push();
        String[] c1 = publish(spec(""));

        JsonNode created = post();
        assertThat(created.path("validation").path("valid").asBoolean()).isTrue();
        assertThat(created.path("status").path("state").asText()).isEqualTo("OK");
        assertThat(created.path("status").path("commitSha").asText()).isEqualTo(c1[0]);
        assertThat(created.path("status").path("blobSha").asText()).isEqualTo(c1[1]);
        assertThat(created.path("status").path("image").path("digest").asText()).isEqualTo(digest);
        assertThat(github.served()).as("read at once, with the posted token").isNotEmpty();
        // looked up over GraphQL, the file read over REST, both with the posted token
        WM.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/graphql"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing(GITHUB_TOKEN)));
        WM.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/repos/" + REPO + "/contents/fathomable.yaml"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing(GITHUB_TOKEN)));

        JsonNode seen = await("release 1 deployed through to prod", deployed("prod", 1));
        assertThat(seen.path("status").path("commitSha").asText()).isEqualTo(c1[0]);
        assertThat(seen.path("releases").path("dev").path("deployed").path("image").asText())
                .isEqualTo(image() + "@" + digest);
        assertThat(seen.path("releases").path("recentHistory").findValuesAsText("action")).contains("deployed");
        assertThat(releaseFile("dev", 1)).contains("image: " + image() + "@" + digest).contains("kind: Deployment")
                .contains("namespace: dev");
        assertThat(releaseFile("prod", 1)).contains("namespace: prod");
        assertThat(log).anyMatch(l -> l.startsWith("event: " + ID + " ingested"))
                .anyMatch(l -> l.startsWith("deploy: " + ID) && l.contains(" in dev ready"));
    }

    @Test
    void anInvalidFileCreatesTheTrackerAndReportsEachErrorWithItsLine() throws Exception {
        push();
        publish(spec("  replicas: many\n"));

        JsonNode created = post();
        assertThat(created.path("validation").path("valid").asBoolean()).isFalse();
        JsonNode error = created.path("validation").path("errors").get(0);
        assertThat(error.path("field").asText()).as(created.toString()).isEqualTo("spec.replicas");
        assertThat(error.path("line").asInt()).isEqualTo(13);
        assertThat(created.path("status").path("state").asText()).isEqualTo("INVALID_CONFIG");
        assertThat(get().path("id").asText()).isEqualTo(ID);
        assertThat(stateDir.resolve(LocalEngine.RELEASES_DIR).resolve(ID)).as("nothing released").doesNotExist();
    }

    @Test
    void theWholeLoopNewDigestReleasesAConfigChangeWaitsForTheNextImage() throws Exception {
        push();
        publish(spec(""));
        post();
        await("release 1 in prod", deployed("prod", 1));

        // same tag, new digest: a new release
        String d2 = push();
        app.pollNow();
        JsonNode two = await("release 2 in prod", deployed("prod", 2));
        assertThat(two.path("status").path("image").path("digest").asText()).isEqualTo(d2);
        assertThat(releaseFile("dev", 2)).contains(image() + "@" + d2);
        assertThat(log).anyMatch(l -> l.startsWith("event: " + ID + " image updated"));

        // fathomable.yaml alone: held as pending config, nothing released
        String[] c3 = publish(spec("  replicas: 3\n"));
        app.pollNow();
        JsonNode pending = get();
        assertThat(pending.path("releases").path("pendingConfig").path("blobSha").asText()).isEqualTo(c3[1]);
        assertThat(pending.path("releases").path("dev").path("deployed").path("number").asInt()).isEqualTo(2);
        assertThat(pending.path("releases").path("dev").has("queued")).isFalse();
        assertThat(stateDir.resolve(LocalEngine.RELEASES_DIR).resolve(ID).resolve("dev").resolve("3.yaml")).doesNotExist();

        // the next image carries the pending config
        String d3 = push();
        app.pollNow();
        JsonNode three = await("release 3 in dev", deployed("dev", 3));
        assertThat(three.path("releases").has("pendingConfig")).isFalse();
        assertThat(three.path("releases").path("dev").path("deployed").path("configBlob").asText()).isEqualTo(c3[1]);
        assertThat(releaseFile("dev", 3)).contains(image() + "@" + d3).contains("replicas: 3");
        assertThat(releaseFile("dev", 2)).doesNotContain("replicas: 3");

        // an unchanged pass changes nothing
        JsonNode before = await("release 3 in prod", deployed("prod", 3)).path("releases");
        app.pollNow();
        assertThat(get().path("releases")).isEqualTo(before);
    }

    @Test
    void aRestartOnTheSameStateDirectoryKeepsTrackersQueuesAndHistory() throws Exception {
        push();
        publish(spec(""));
        post();
        await("release 1 in prod", deployed("prod", 1));
        publish(spec("  replicas: 2\n"));
        app.pollNow(); // a pending config, to survive the restart too
        JsonNode before = get();
        assertThat(before.path("releases").has("pendingConfig")).isTrue();
        app.close();

        app = start();
        JsonNode after = get();
        assertThat(after.path("releases")).isEqualTo(before.path("releases"));
        assertThat(after.path("status")).isEqualTo(before.path("status"));
        assertThat(after.path("releases").path("recentHistory").size()).isPositive();

        // and it carries on: the next image takes the pending config through
        push();
        app.pollNow();
        await("release 2 in dev", deployed("dev", 2));
        assertThat(releaseFile("dev", 2)).contains("replicas: 2");
    }

    @Test
    void theTokensNeverAppearInResponsesOrLogAndWithoutTheAdminTokenItIs401() throws Exception {
        push();
        publish(spec(""));
        post();
        // a tracker without a token too: read over REST, its answers cached for conditional requests
        assertThat(send("POST", "/trackers/", "{\"id\":\"shop.public\",\"repo\":\"" + REPO
                + "\",\"sourcePath\":\"fathomable.yaml\"}", ADMIN_TOKEN).statusCode()).isEqualTo(201);
        await("release 1 in dev", deployed("dev", 1));
        send("GET", "/trackers/", null, ADMIN_TOKEN);
        push();
        app.pollNow();
        await("release 2 in dev", deployed("dev", 2));
        assertThat(send("GET", "/trackers/" + ID, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/trackers/", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/trackers/" + ID, null, null).statusCode()).isEqualTo(401);
        app.close();

        assertThat(bodies).hasSizeGreaterThan(5).noneMatch(b -> b.contains(GITHUB_TOKEN) || b.contains(ADMIN_TOKEN));
        assertThat(log).hasSizeGreaterThan(10).noneMatch(l -> l.contains(GITHUB_TOKEN) || l.contains(ADMIN_TOKEN));
        for (String owned : List.of(ServeApp.TRACKERS_DIR, LocalEngine.RELEASES_DIR, "cache")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(stateDir.resolve(owned)))).as(owned).isEqualTo("rwx------");
        }
        // Issue 13, item 8: the GitHub cache (file contents of private repositories) was left 0644.
        try (var cached = Files.walk(stateDir.resolve("cache"))) {
            List<Path> all = cached.toList();
            assertThat(all).filteredOn(Files::isRegularFile).isNotEmpty().allSatisfy(f -> assertThat(
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as(f.toString()).isEqualTo("rw-------"));
            assertThat(all).filteredOn(Files::isDirectory).allSatisfy(d -> assertThat(
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
                    .as(d.toString()).isEqualTo("rwx------"));
        }
        try (var files = Files.walk(stateDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(GITHUB_TOKEN).doesNotContain(ADMIN_TOKEN);
            }
        }
    }

    @Test
    void anUnreachableGitHubShowsAsSuchInTheTrackerStatusAndGithubApiRetriesStayQuiet() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        app.close();
        String apiUrl = "http://127.0.0.1:" + closedPort;
        app = start(URI.create(apiUrl));

        JsonNode status = post().path("status");

        assertThat(status.path("state").asText()).isEqualTo("ERROR");
        assertThat(status.path("lastError").asText())
                .startsWith("cannot reach GitHub API at " + apiUrl + ": connection refused (looking up fathomable.yaml in "
                        + REPO + "); backing off until ");
        assertThat(java.util.logging.Logger.getLogger("org.kohsuke.github").getLevel())
                .as("github-api's per-retry INFO lines are not shown by serve")
                .isEqualTo(java.util.logging.Level.WARNING);
    }

    /** Issue 13, item 2: a tracker POST held its thread ~30 s while GitHub hung; now it answers, reading on. */
    @Test
    void aHangingGitHubDoesNotHoldThePostAndTheReadFinishesAfterIt() throws Exception {
        String digest = push();
        publish(spec(""));
        app.close();
        app = start(URI.create(github.apiUrl()), Duration.ofSeconds(1));
        // the tracker has a token: it is looked up over GraphQL
        var hang = WM.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/graphql")).atPriority(0)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withFixedDelay(5_000)
                        .withStatus(503)));

        JsonNode answer = post();

        assertThat(answer.path("status").path("state").asText()).isEqualTo("READING");
        assertThat(answer.path("validation").path("pending").asBoolean()).isTrue();
        JsonNode after = await("the read finished after the answer", t -> t.path("status").path("state").asText()
                .equals("ERROR"));
        assertThat(after.path("status").path("lastError").asText()).contains("GitHub answered HTTP 503");

        WM.removeStub(hang);
        app.pollNow();
        await("recovered once GitHub answers again", deployed("dev", 1));
        assertThat(releaseFile("dev", 1)).contains(digest);
    }
}
