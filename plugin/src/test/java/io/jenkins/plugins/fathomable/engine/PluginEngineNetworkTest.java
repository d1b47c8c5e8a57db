package io.jenkins.plugins.fathomable.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import hudson.ProxyConfiguration;
import io.jenkins.plugins.fathomable.config.EngineSettings;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.testing.ForwardProxy;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.credentials.CredentialsSecretStore;
import io.jenkins.plugins.fathomable.rest.ApiExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's engine against a GitHub stand-in and a real registry: the REST routes read through Manage Jenkins »
 * System » HTTP Proxy, and answer before a slow read has finished, as {@code serve} does.
 */
class PluginEngineNetworkTest {

    private static final Caller ADMIN = Caller.authenticated("alice", Caller.Permission.READ, Caller.Permission.WRITE);
    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();
    private static final String TOKEN = "ghp_" + "PluginEngineNetworkTest000001";

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL)).build();

    private static ImagePusher.Pushed pushed;

    @TempDir
    Path home;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final ForwardProxy proxy = ForwardProxy.withCredentials("robot", "proxy-pass");
    private ProxyConfiguration jenkinsProxy;
    private EngineThreads threads;

    @BeforeAll
    static void pushImage() throws Exception {
        pushed = REGISTRY.pusher().image("plugin/app", "1.0.0");
    }

    @BeforeEach
    void publish() {
        GitHubFixture github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
        String sha = GitHubFixture.sha("plugin");
        github.repository("acme/app", "main");
        github.commit("acme/app", "heads/main", sha);
        github.file("acme/app", "fathomable.yaml", sha, "apiVersion: fathomable.io/v1\nkind: Application\n"
                + "metadata:\n  name: app\nspec:\n  pattern: web-service\n  image:\n    repository: "
                + REGISTRY.host() + "/plugin/app\n    tag: \"1.0.0\"\n  ports:\n    - name: http\n      port: 8080\n");
        credentials.put("gh", TOKEN);
        threads = new EngineThreads();
    }

    @AfterEach
    void stop() {
        threads.close();
        proxy.close();
    }

    /** The engine FathomableEngine composes, with Jenkins' proxy settings as {@link #jenkinsProxy} says. */
    private PluginEngine engine(Duration answerWithin) {
        CredentialsSecretStore secrets = new CredentialsSecretStore(new CredentialsSecretStore.Writer() {
            @Override
            public void put(String id, String description, String secret) {
                credentials.put(id, secret);
            }

            @Override
            public void remove(String id) {
                credentials.remove(id);
            }
        }, id -> Optional.ofNullable(credentials.get(id)).map(s -> new Credential.Token(Secret.of(s))));
        Proxies proxies = new JenkinsProxies(() -> jenkinsProxy);
        EngineSettings settings = new EngineSettings(WM.baseUrl(), RegistryConfig.anonymous(), Set.of(),
                FlowConfig.defaults(), Map.of());
        Clock clock = Clock.systemUTC();
        RequestCounter counter = new RequestCounter();
        GitHubReader gitHub = new GitHubReader(WM.baseUrl(), secrets, proxies, GitHubLimits.DEFAULT,
                home.resolve("github-cache"), counter, clock, Sleeper.system());
        return new PluginEngine(settings, List::of, new FileTrackerStore(home.resolve("trackers")),
                new FileMemory(home.resolve("configured-trackers.txt")), secrets, () -> { }, gitHub, proxies, request -> { },
                counter, clock, threads.threads(answerWithin));
    }

    private JsonNode call(PluginEngine engine, String method, String restOfPath, String body, int status)
            throws Exception {
        Map<String, List<String>> headers = body == null ? Map.of() : Map.of("Content-Type", List.of("application/json"));
        ApiResponse r = engine.api().handle(ApiExchange.request(method, restOfPath, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), ADMIN));
        assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
        return json.readTree(r.body());
    }

    private static String tracker(String id) {
        return "{\"id\":\"" + id + "\",\"repo\":\"acme/app\",\"sourcePath\":\"fathomable.yaml\",\"credentialsId\":\"gh\"}";
    }

    @Test
    void gitHubAndTheRegistryAreReachedThroughJenkinsProxyExceptItsNoProxyHosts() throws Exception {
        jenkinsProxy = new ProxyConfiguration("127.0.0.1", proxy.port(), "robot", "proxy-pass", null);
        PluginEngine engine = engine(Duration.ofSeconds(60));

        JsonNode created = call(engine, "POST", "/", tracker("team.app"), 201);

        assertThat(created.path("status").path("state").asText()).as(created.toString()).isEqualTo("OK");
        assertThat(created.path("status").path("image").path("digest").asText()).isEqualTo(pushed.digest());
        List<String> proxied = proxy.requests();
        assertThat(proxied).contains("POST " + WM.baseUrl() + "/graphql -> 200",
                "HEAD http://" + REGISTRY.host() + "/v2/plugin/app/manifests/1.0.0 -> 200");

        // hosts of No Proxy Host are reached directly (FathomableEngine builds the engine anew for a changed proxy)
        jenkinsProxy = new ProxyConfiguration("127.0.0.1", proxy.port(), "robot", "proxy-pass", "localhost\n127.0.0.1");
        JsonNode again = call(engine(Duration.ofSeconds(60)), "POST", "/", tracker("team.other"), 201);
        assertThat(again.path("status").path("state").asText()).isEqualTo("OK");
        assertThat(proxy.requests()).isEqualTo(proxied);
    }

    @Test
    void aSlowGitHubDoesNotHoldThePostAndTheReadFinishesAfterIt() throws Exception {
        var slow = WM.stubFor(post(urlEqualTo("/graphql")).atPriority(0)
                .willReturn(aResponse().withFixedDelay(3_000).withStatus(502)));
        PluginEngine engine = engine(Duration.ofMillis(300));

        JsonNode created = call(engine, "POST", "/", tracker("team.app"), 201);

        assertThat(created.path("status").path("state").asText()).isEqualTo("READING");
        assertThat(created.path("validation").path("pending").asBoolean()).isTrue();
        JsonNode after = await(engine, "team.app", "ERROR");
        assertThat(after.path("status").path("lastError").asText()).contains("502");

        WM.removeStub(slow);
        JsonNode replaced = call(engine, "PUT", "/team.app", tracker("team.app"), 200);
        JsonNode read = replaced.path("status").path("state").asText().equals("READING")
                ? await(engine, "team.app", "OK") : replaced;
        assertThat(read.path("status").path("image").path("digest").asText()).isEqualTo(pushed.digest());
    }

    @Test
    void aRegistryThatNeverAnswersDoesNotHoldThePost() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // accepts every connection and never says a word
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "hanging registry");
            acceptor.setDaemon(true);
            acceptor.start();
            GitHubFixture github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
            String sha = GitHubFixture.sha("hanging");
            github.repository("acme/hang", "main");
            github.commit("acme/hang", "heads/main", sha);
            github.file("acme/hang", "fathomable.yaml", sha, "apiVersion: fathomable.io/v1\nkind: Application\n"
                    + "metadata:\n  name: hang\nspec:\n  pattern: web-service\n  image:\n    repository: 127.0.0.1:"
                    + hanging.getLocalPort() + "/plugin/hang\n    tag: \"1.0.0\"\n  ports:\n    - name: http\n      port: 8080\n");
            PluginEngine engine = engine(Duration.ofMillis(500));

            JsonNode created = call(engine, "POST", "/", tracker("team.hang").replace("acme/app", "acme/hang"), 201);

            assertThat(created.path("status").path("state").asText()).as(created.toString()).isEqualTo("READING");
            assertThat(created.path("validation").path("pending").asBoolean()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (held.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(held).as("the read reached the hanging registry").isNotEmpty();
            assertThat(call(engine, "GET", "/team.hang", null, 200).path("status").path("state").asText())
                    .as("the read still waits for the registry").isEqualTo("READING");
            // other requests are answered meanwhile
            call(engine, "GET", "/", null, 200);

            for (Socket s : held) {
                s.close(); // the registry goes away: the read ends with an error
            }
            hanging.close();
            JsonNode after = await(engine, "team.hang", "REGISTRY_ERROR");
            assertThat(after.path("status").path("lastError").asText()).contains("could not be reached");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private JsonNode await(PluginEngine engine, String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode now = call(engine, "GET", "/" + id, null, 200);
        while (!now.path("status").path("state").asText().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = call(engine, "GET", "/" + id, null, 200);
        }
        assertThat(now.path("status").path("state").asText()).as(now.toString()).isEqualTo(state);
        return now;
    }
}
