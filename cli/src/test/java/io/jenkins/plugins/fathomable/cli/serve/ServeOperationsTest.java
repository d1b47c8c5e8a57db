package io.jenkins.plugins.fathomable.cli.serve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.UnwritableDir;
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
 * The release operations of {@code serve} over real HTTP, with its real engine (GitHub on WireMock, a real registry,
 * releases rendered into the state directory): approve, hold, unhold, roll back, reject and retry each do what the
 * engine does, are recorded with the admin as actor, and without the admin token change nothing.
 */
class ServeOperationsTest {

    private static final String ADMIN_TOKEN = "admin-" + "0b7e1d2c3a4f5e6d7c8b";
    private static final String REPO = "acme/shop";
    private static final String ID = "shop.web";
    private static final String OPS = "/trackers/" + ID;

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path stateDir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private GitHubFixture github;
    private ServeApp app;

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)));
        List<ServeSettings.Environment> flow = List.of(
                new ServeSettings.Environment("dev", null, null, null, null, false),
                new ServeSettings.Environment("prod", null, null, null, null, true));
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, stateDir, URI.create(github.apiUrl()),
                Duration.ofHours(1), false, flow, List.of(), true).withAnswerWithin(Duration.ofSeconds(60));
        app = ServeApp.start(settings, LocalEngine::new, Optional.of(ADMIN_TOKEN), log::add, Clock.systemUTC(),
                new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
    }

    private String push() throws Exception {
        return REGISTRY.pusher().image("shop/web", "1.0.0").digest();
    }

    private void publish() {
        String sha = GitHubFixture.sha(REPO + "1");
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", sha);
        github.file(REPO, "fathomable.yaml", sha, "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n"
                + "  name: web\nspec:\n  pattern: web-service\n  image:\n    repository: " + REGISTRY.host()
                + "/shop/web\n    tag: \"1.0.0\"\n  ports:\n    - name: http\n      port: 8080\n");
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = send("POST", path, ADMIN_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode conflict(String path) throws Exception {
        HttpResponse<String> r = send("POST", path, ADMIN_TOKEN);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(409);
        JsonNode b = json.readTree(r.body());
        assertThat(b.path("error").asText()).isEqualTo("conflict");
        return b;
    }

    private JsonNode get() throws Exception {
        HttpResponse<String> r = send("GET", OPS, ADMIN_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

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

    private static Predicate<JsonNode> queued(String env, int release) {
        return t -> t.path("releases").path(env).path("queued").path("number").asInt() == release;
    }

    private static List<String> actions(JsonNode tracker, String actor) {
        List<String> out = new ArrayList<>();
        tracker.path("releases").path("recentHistory").forEach(h -> {
            if (h.path("actor").asText().equals(actor)) {
                out.add(h.path("action").asText());
            }
        });
        return out;
    }

    private void created() throws Exception {
        push();
        publish();
        HttpRequest post = HttpRequest.newBuilder(app.baseUri().resolve("/trackers/")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"id\":\"" + ID + "\",\"repo\":\"" + REPO
                        + "\",\"sourcePath\":\"fathomable.yaml\"}")).build();
        assertThat(http.send(post, BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        JsonNode waiting = await("release 1 waiting for approval in prod", queued("prod", 1).and(deployed("dev", 1)));
        assertThat(waiting.path("releases").path("prod").path("waitingFor").toString()).contains("needs approval for prod");
    }

    @Test
    void approveHoldUnholdRollbackAndRejectWorkAndAreRecordedWithTheAdmin() throws Exception {
        created();

        ok(OPS + "/releases/1/approve?environment=prod");
        await("release 1 in prod", deployed("prod", 1));

        JsonNode held = ok(OPS + "/hold");
        assertThat(held.path("releases").path("onHold").asBoolean()).isTrue();
        push();
        app.pollNow();
        JsonNode waiting = await("release 2 held in dev", queued("dev", 2));
        assertThat(waiting.path("releases").path("dev").path("waitingFor").toString()).contains("on hold");
        assertThat(waiting.path("releases").path("dev").path("deployed").path("number").asInt()).isEqualTo(1);

        ok(OPS + "/unhold");
        await("release 2 in dev", deployed("dev", 2).and(queued("prod", 2)));

        ok(OPS + "/rollback?environment=dev");
        JsonNode back = await("dev rolled back to release 1", deployed("dev", 1));
        assertThat(back.path("releases").path("prod").has("queued")).as("release 2 goes no further").isFalse();
        conflict(OPS + "/releases/2/approve?environment=prod");

        push();
        app.pollNow();
        await("release 3 waiting for prod", queued("prod", 3));
        JsonNode rejected = ok(OPS + "/releases/3/reject?reason=login+page+broken");
        assertThat(rejected.path("releases").path("prod").has("queued")).isFalse();
        assertThat(rejected.path("releases").path("recentHistory").findValuesAsText("detail")).contains("login page broken");

        assertThat(actions(get(), "admin")).containsExactly("approved", "held", "unheld", "rolling-back", "rejected");
        assertThat(log).anyMatch(l -> l.contains("POST " + OPS + "/releases/1/approve -> 200"));
    }

    @Test
    void retryQueuesAFailedDeploymentAgain() throws Exception {
        created();
        conflict(OPS + "/releases/1/retry");
        Path devDir = stateDir.resolve(LocalEngine.RELEASES_DIR).resolve(ID).resolve("dev");
        try (UnwritableDir unwritable = UnwritableDir.of(devDir)) {
            push();
            app.pollNow();
            JsonNode failed = await("release 2 failed in dev", t -> t.path("releases").path("recentHistory")
                    .findValuesAsText("action").contains("failed"));
            assertThat(failed.path("releases").path("dev").path("deployed").path("number").asInt()).isEqualTo(1);
        }
        ok(OPS + "/releases/2/retry");
        JsonNode done = await("release 2 in dev after the retry", deployed("dev", 2));
        assertThat(actions(done, "admin")).containsExactly("retried");
        assertThat(Files.exists(devDir.resolve("2.yaml"))).isTrue();
    }

    @Test
    void withoutTheAdminTokenNoOperationChangesAnything() throws Exception {
        created();
        String before = get().path("releases").toString();
        for (String path : List.of(OPS + "/releases/1/approve?environment=prod", OPS + "/hold", OPS + "/unhold",
                OPS + "/rollback?environment=dev", OPS + "/releases/1/reject", OPS + "/releases/1/retry")) {
            for (String token : new String[] {null, "wrong-token"}) {
                HttpResponse<String> r = send("POST", path, token);
                assertThat(r.statusCode()).as(path + " with " + token).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(json.readTree(r.body()).path("error").asText()).isEqualTo("unauthorized");
            }
        }
        Thread.sleep(300); // nothing was handed out meanwhile either
        assertThat(get().path("releases").toString()).isEqualTo(before);
    }
}
