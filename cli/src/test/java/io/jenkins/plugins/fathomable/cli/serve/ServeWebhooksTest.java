package io.jenkins.plugins.fathomable.cli.serve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.WebhookPayloads;
import io.jenkins.plugins.fathomable.core.webhook.Secrets;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook receivers of {@code serve} over real HTTP, with its real engine: the real registry's notifications and
 * a signed GitHub push each release the right tracker at once (the poll interval is an hour), and bad signatures,
 * wrong tokens, replays, unknown repositories, oversized and malformed bodies change nothing.
 */
class ServeWebhooksTest {

    private static final String ADMIN_TOKEN = "admin-" + "9a8b7c6d5e4f3a2b1c0d";
    private static final String SECRET = "github-webhook-" + "b7e5c3a1";
    private static final String TOKEN = "registry-webhook-" + "4f2d8e6a";

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous().notifying("Bearer " + TOKEN);

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private GitHubFixture github;
    private ServeApp app;
    private String repo;
    private String image;
    private String id;

    @BeforeEach
    void setUp() throws Exception {
        github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)));
        String n = UUID.randomUUID().toString().substring(0, 6);
        repo = "acme/shop" + n;
        image = "shop" + n + "/web";
        id = "shop.web" + n;
        Files.writeString(dir.resolve("github-secret"), SECRET + "\n");
        Files.writeString(dir.resolve("registry-token"), TOKEN);
        WebhookSettings webhooks = new WebhookSettings(null,
                new WebhookSettings.SecretSource("webhooks.github.secretFile", dir.resolve("github-secret"), null),
                new WebhookSettings.SecretSource("webhooks.registry.tokenFile", dir.resolve("registry-token"), null));
        app = start(webhooks);
        REGISTRY.receiveWith(this::forward);
    }

    @AfterEach
    void tearDown() {
        REGISTRY.receiveWith(x -> 200);
        if (app != null) {
            app.close();
        }
    }

    private ServeApp start(WebhookSettings webhooks) {
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, dir.resolve("state"), URI.create(github.apiUrl()),
                Duration.ofHours(1), false, ServeSettings.Environment.named(List.of("dev", "prod")), List.of(), true)
                .withAnswerWithin(Duration.ofSeconds(60)).withWebhooks(webhooks);
        return ServeApp.start(settings, LocalEngine::new, Optional.of(ADMIN_TOKEN), log::add, Clock.systemUTC(),
                new SecureRandom());
    }

    /** The registry's notification, sent on to serve as the registry sent it. */
    private int forward(RegistryServer.Notification n) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve("/webhooks/registry"))
                    .POST(BodyPublishers.ofByteArray(n.body()));
            for (String h : List.of("Authorization", "Content-Type")) {
                if (n.header(h) != null) {
                    b.header(h, n.header(h));
                }
            }
            return http.send(b.build(), BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 599;
        }
    }

    private String publish(String tag) {
        String sha = GitHubFixture.sha(repo + tag + UUID.randomUUID());
        github.repository(repo, "main");
        github.commit(repo, "heads/main", sha);
        github.file(repo, "fathomable.yaml", sha, "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n"
                + "  name: web\nspec:\n  pattern: web-service\n  image:\n    repository: " + REGISTRY.host() + "/"
                + image + "\n    tag: \"" + tag + "\"\n  ports:\n    - name: http\n      port: 8080\n");
        return sha;
    }

    private HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> gitHub(String event, String delivery, byte[] body, String signature) throws Exception {
        Map<String, String> h = new TreeMap<>(Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
                "Content-Type", "application/json", "User-Agent", "GitHub-Hookshot/4c5d2f0"));
        if (signature != null) {
            h.put("X-Hub-Signature-256", signature);
        }
        return send("POST", "/webhooks/github", body, h);
    }

    private HttpResponse<String> signed(String event, String delivery, byte[] body) throws Exception {
        return gitHub(event, delivery, body, Secrets.signature(Secret.of(SECRET), body));
    }

    private JsonNode get() throws Exception {
        HttpResponse<String> r = send("GET", "/trackers/" + id, null, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The tracker's page in serve's dashboard, as the administrator sees it. */
    private Document page() throws Exception {
        HttpResponse<String> r = send("GET", "/ui/trackers/" + id, null, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Jsoup.parse(r.body());
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

    private static Predicate<JsonNode> inDev(int release) {
        return t -> t.path("releases").path("dev").path("deployed").path("number").asInt() == release;
    }

    private void created() throws Exception {
        REGISTRY.pusher().image(image, "1.0.0");
        REGISTRY.pusher().image(image, "1.1.0");
        publish("1.0.0");
        HttpResponse<String> r = send("POST", "/trackers/", ("{\"id\":\"" + id + "\",\"repo\":\"" + repo
                + "\",\"sourcePath\":\"fathomable.yaml\"}").getBytes(), Map.of("Authorization", "Bearer " + ADMIN_TOKEN,
                "Content-Type", "application/json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        await("release 1 in dev", inDev(1));
    }

    private Map<String, byte[]> trackerFiles() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(dir.resolve("state").resolve(ServeApp.TRACKERS_DIR))) {
            for (Path f : all.toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    @Test
    void aRegistryNotificationReleasesTheNewDigestWithoutWaitingForThePoll() throws Exception {
        created();
        String digest = REGISTRY.pusher().image(image, "1.0.0").digest();

        JsonNode two = await("release 2 in dev", inDev(2));

        assertThat(two.path("releases").path("dev").path("deployed").path("image").asText()).endsWith("@" + digest);
        assertThat(two.path("status").path("lastWebhook").path("registry").asText()).isNotEmpty();
        assertThat(two.path("status").path("lastWebhook").has("github")).isFalse();
        Element webhooks = page().getElementById("fathomable-webhooks");
        assertThat(webhooks.select("[data-source=registry] time").attr("datetime"))
                .isEqualTo(two.path("status").path("lastWebhook").path("registry").asText());
        assertThat(webhooks.select("[data-source=github]")).isEmpty();
        assertThat(log).anyMatch(l -> l.equals("http: POST /webhooks/registry -> 202"))
                .anyMatch(l -> l.startsWith("webhook: registry notification (" + REGISTRY.host() + "/" + image
                        + ":1.0.0): looking at 1 tracker"));
    }

    @Test
    void aSignedGitHubPushReleasesTheTrackerOfThatBranch() throws Exception {
        created();
        String after = publish("1.1.0");
        HttpResponse<String> r = signed("push", UUID.randomUUID().toString(),
                WebhookPayloads.push(repo, "refs/heads/main", after));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json.readTree(r.body()).path("trackers").toString()).isEqualTo("[\"" + id + "\"]");
        JsonNode two = await("release 2 in dev", inDev(2));
        assertThat(two.path("releases").path("dev").path("deployed").path("tag").asText()).isEqualTo("1.1.0");
        assertThat(two.path("releases").path("dev").path("deployed").path("configCommit").asText()).isEqualTo(after);
        assertThat(two.path("status").path("lastWebhook").path("github").asText()).isNotEmpty();

        HttpResponse<String> ping = signed("ping", UUID.randomUUID().toString(),
                WebhookPayloads.load("github-ping.json", Map.of("repo", repo)));
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).contains("pong");
    }

    @Test
    void refusedDeliveriesChangeNothing() throws Exception {
        created();
        String delivery = UUID.randomUUID().toString();
        byte[] push = WebhookPayloads.push(repo, "refs/heads/main", "a".repeat(40));
        assertThat(signed("push", delivery, push).statusCode()).isEqualTo(202);
        await("the GitHub webhook time", t -> t.path("status").path("lastWebhook").has("github"));
        Thread.sleep(300);
        Map<String, byte[]> before = trackerFiles();
        int gitHubRequests = github.served().size();

        HttpResponse<String> replay = signed("push", delivery, push);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"outcome\":\"duplicate\"");
        HttpResponse<String> unsigned = gitHub("push", UUID.randomUUID().toString(), push, null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(json.readTree(unsigned.body()).path("error").asText()).isEqualTo("unauthorized");
        assertThat(gitHub("push", UUID.randomUUID().toString(), push,
                Secrets.signature(Secret.of("guess"), push)).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = signed("push", UUID.randomUUID().toString(),
                WebhookPayloads.push("someone/else", "refs/heads/main", "b".repeat(40)));
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(json.readTree(unknown.body()).path("trackers").size()).isZero();
        HttpResponse<String> malformed = signed("push", UUID.randomUUID().toString(), "{\"ref\":".getBytes());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).path("error").asText()).isEqualTo("invalid_body");
        byte[] huge = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(signed("push", UUID.randomUUID().toString(), huge).statusCode()).isEqualTo(413);
        HttpResponse<String> wrongToken = send("POST", "/webhooks/registry", WebhookPayloads.distribution(
                REGISTRY.host(), image, "1.0.0"), Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(wrongToken.statusCode()).as("the admin token is not the registry's").isEqualTo(401);
        HttpResponse<String> adminOnGitHub = send("POST", "/webhooks/github", push, Map.of("Authorization",
                "Bearer " + ADMIN_TOKEN, "X-GitHub-Event", "push", "X-GitHub-Delivery", "x"));
        assertThat(adminOnGitHub.statusCode()).isEqualTo(401);
        HttpResponse<String> get = send("GET", "/webhooks/github", null, Map.of());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        Thread.sleep(300);
        assertThat(github.served()).hasSize(gitHubRequests);
        assertThat(trackerFiles()).allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));
        assertThat(log).noneMatch(l -> l.contains(SECRET) || l.contains(TOKEN));
    }

    @Test
    void withoutSecretsThereAreNoReceiversAndAMissingSecretFileStopsTheStart() throws Exception {
        app.close();
        app = start(WebhookSettings.NONE);
        HttpResponse<String> r = send("POST", "/webhooks/github", "{}".getBytes(), Map.of("X-GitHub-Event", "ping"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json.readTree(r.body()).path("error").asText()).isEqualTo("not_found");
        assertThat(send("POST", "/webhooks/registry", "{}".getBytes(), Map.of()).statusCode()).isEqualTo(404);
        app.close();
        app = null;

        WebhookSettings missing = new WebhookSettings(null, new WebhookSettings.SecretSource(
                "webhooks.github.secretFile", dir.resolve("nope"), null), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(missing))
                .isInstanceOf(StartupException.class)
                .hasMessage("webhooks.github.secretFile: " + dir.resolve("nope") + " does not exist");
    }
}
