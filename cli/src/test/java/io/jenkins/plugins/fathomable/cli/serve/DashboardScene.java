package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.Fixtures;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real {@code serve} (its real engine, GitHub on WireMock, a real registry, releases rendered into the state
 * directory) with dev → ha → preprod → prod, prod behind an approval, and trackers driven into the states the
 * dashboard shows: deployed everywhere, waiting for approval, failed (the tracker's release folder made unwritable
 * while it deploys to dev), held, and a poll that fails.
 */
final class DashboardScene implements AutoCloseable {

    static final String ADMIN_TOKEN = "admin-" + "5d1e7c0b9a8f6e4d3c2b";
    static final List<String> ENVIRONMENTS = List.of("dev", "ha", "preprod", "prod");

    final ServeApp app;
    final Path stateDir;
    private final GitHubFixture github;
    private final RegistryServer registry;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    DashboardScene(Path stateDir, GitHubFixture github, RegistryServer registry, boolean openReads, List<String> log) {
        this.stateDir = stateDir;
        this.github = github;
        this.registry = registry;
        List<ServeSettings.Environment> flow = ENVIRONMENTS.stream().map(n -> new ServeSettings.Environment(n,
                "shop-" + n, null, null, null, n.equals("prod"))).toList();
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, stateDir, URI.create(github.apiUrl()),
                Duration.ofHours(1), openReads, flow, List.of(), true).withAnswerWithin(Duration.ofSeconds(60));
        app = ServeApp.start(settings, LocalEngine::new, Optional.of(ADMIN_TOKEN), log::add, Clock.systemUTC(),
                new SecureRandom());
    }

    URI uri(String path) {
        return app.baseUri().resolve(path);
    }

    /**
     * Publishes a commit of {@code acme/APP} whose fathomable.yaml asks for {@code replicas} (the image is pushed once,
     * by {@link #everyState()}: a new push would be a new digest, which takes the changed file into a release).
     */
    void publish(String app, String commit, int replicas) throws Exception {
        String sha = GitHubFixture.sha(commit);
        github.repository("acme/" + app, "main");
        github.commit("acme/" + app, "heads/main", sha);
        github.file("acme/" + app, "deploy/fathomable.yaml", sha,
                Fixtures.webService(app, replicas, registry.host() + "/acme/" + app, "tag: \"1.4.2\""));
    }

    /** Creates tracker {@code id} (repository {@code acme/NAME}) through the REST API. */
    void create(String id) throws Exception {
        String name = id.substring(id.indexOf('.') + 1);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/trackers/")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"id\":\"" + id + "\",\"repo\":\"acme/" + name
                        + "\",\"sourcePath\":\"deploy/fathomable.yaml\",\"branch\":\"main\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /**
     * The scene: shop.payments and shop.cart wait for approval in prod, shop.checkout failed in dev, shop.search is
     * held while waiting for prod, ops.legacy cannot be read (its repository is gone).
     */
    void everyState() throws Exception {
        for (String app : List.of("payments", "cart", "search", "checkout")) {
            registry.pusher().image("acme/" + app, "1.4.2");
            publish(app, "serve-" + app + "-1", 2);
        }
        Path checkoutDev = Files.createDirectories(stateDir.resolve(LocalEngine.RELEASES_DIR).resolve("shop.checkout")
                .resolve("dev"));
        try (UnwritableDir unwritable = UnwritableDir.of(checkoutDev)) {
            create("shop.checkout");
            await("shop.checkout", "failed in dev", t -> t.path("releases").path("recentHistory")
                    .findValuesAsText("action").contains("failed"));
        }
        for (String id : List.of("shop.payments", "shop.cart", "shop.search")) {
            create(id);
            await(id, "waiting for approval in prod", queued("prod", 1));
        }
        assertThat(send(post("/trackers/shop.search/hold")).statusCode()).isEqualTo(200);
        create("ops.legacy");
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(60)).build(),
                BodyHandlers.ofString());
    }

    HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).POST(BodyPublishers.noBody());
    }

    JsonNode tracker(String id) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/trackers/" + id)).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    JsonNode await(String id, String what, Predicate<JsonNode> condition) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 600; i++) {
            last = tracker(id);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " never " + what + "; last: " + last);
    }

    static Predicate<JsonNode> deployed(String env, int release) {
        return t -> t.path("releases").path(env).path("deployed").path("number").asInt() == release;
    }

    static Predicate<JsonNode> queued(String env, int release) {
        return t -> t.path("releases").path(env).path("queued").path("number").asInt() == release;
    }

    @Override
    public void close() {
        app.close();
    }
}
