package io.jenkins.plugins.fathomable.core.source;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.InMemoryObservationStore;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.ForwardProxy;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's ways out (GitHub over GraphQL and REST, a real registry) through the host's {@link Proxies}: a forward
 * proxy that wants credentials gets them, hosts to be reached directly are, and a proxy refusing the credentials is
 * what the tracker's status says.
 */
class ProxiesTest {

    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();
    private static final String TOKEN = "ghp_" + "ProxiedTokenForProxiesTest0001";

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
    private final CredentialsPort credentials = id -> "gh".equals(id)
            ? Optional.of(new Credential.Token(Secret.of(TOKEN))) : Optional.empty();
    private final ForwardProxy proxy = ForwardProxy.withCredentials("robot", "proxy-pass");
    private ExecutorService executor;
    private List<Tracker> trackers;

    @BeforeAll
    static void pushImage() throws Exception {
        pushed = REGISTRY.pusher().image("proxied/app", "1.0.0");
    }

    @BeforeEach
    void publish() {
        GitHubFixture github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)), GRAPHQL);
        String sha = GitHubFixture.sha("proxied");
        String yaml = "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: app\nspec:\n"
                + "  pattern: web-service\n  image:\n    repository: " + REGISTRY.host() + "/proxied/app\n"
                + "    tag: \"1.0.0\"\n";
        for (String repo : List.of("acme/with-token", "acme/anonymous")) {
            github.repository(repo, "main");
            github.commit(repo, "heads/main", sha);
            github.file(repo, "fathomable.yaml", sha, yaml);
        }
        trackers = List.of(Tracker.of("team.token", "acme/with-token", "fathomable.yaml", null, null, null, "gh"),
                Tracker.of("team.anon", "acme/anonymous", "fathomable.yaml", null, null, null, null));
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        proxy.close();
    }

    private CycleReport poll(Proxies proxies) throws InterruptedException {
        GitHubReader gitHub = new GitHubReader(WM.baseUrl(), credentials, proxies, GitHubLimits.DEFAULT, cacheDir,
                counter, clock, new RecordingSleeper(clock));
        RegistryClient registry = new RegistryClient(proxies.configure(HttpClient.newBuilder()).build(),
                RegistryConfig.anonymous(), CredentialsPort.none(), counter, clock, new RecordingSleeper(clock));
        return new PollCycle(() -> trackers, store, gitHub, registry, new YamlImagePolicyReader(), clock, executor).run();
    }

    private TrackerObservation observation(String id) {
        return store.observation(TrackerId.parse(id)).orElse(TrackerObservation.NONE);
    }

    @Test
    void gitHubAndTheRegistryAreReachedThroughTheProxyWithItsCredentials() throws Exception {
        CycleReport report = poll(proxy.proxies(Set.of(), "robot", "proxy-pass"));

        assertThat(report.errors()).isEmpty();
        assertThat(observation("team.token").status()).isEqualTo(TrackerObservation.Status.OK);
        assertThat(observation("team.anon").image().digest()).isEqualTo(pushed.digest());
        String github = WM.baseUrl();
        String registry = "http://" + REGISTRY.host();
        List<String> forwarded = proxy.requests().stream().filter(r -> r.endsWith(" -> 200")).toList();
        assertThat(forwarded).contains("POST " + github + "/graphql -> 200",
                "GET " + github + "/repos/acme/with-token/contents/fathomable.yaml?ref=" + GitHubFixture.sha("proxied") + " -> 200",
                "GET " + github + "/repos/acme/anonymous -> 200",
                "HEAD " + registry + "/v2/proxied/app/manifests/1.0.0 -> 200");
        assertThat(forwarded).allMatch(r -> r.contains(github) || r.contains(registry));
        assertThat(proxy.authorizations()).as("credentials only after the proxy asked, and only its own")
                .allMatch(a -> a.equals("-") || a.equals(basic("robot", "proxy-pass")));
    }

    @Test
    void hostsToBeReachedDirectlyNeverSeeTheProxy() throws Exception {
        CycleReport report = poll(proxy.proxies(Set.of("localhost", "127.0.0.1"), "robot", "proxy-pass"));

        assertThat(report.errors()).isEmpty();
        assertThat(observation("team.token").status()).isEqualTo(TrackerObservation.Status.OK);
        assertThat(observation("team.anon").status()).isEqualTo(TrackerObservation.Status.OK);
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void aProxyRefusingTheCredentialsIsWhatTheStatusSays() throws Exception {
        poll(proxy.proxies(Set.of(), "robot", "wrong"));

        assertThat(observation("team.token").status()).isNotEqualTo(TrackerObservation.Status.OK);
        assertThat(observation("team.token").lastError()).contains("407");
        assertThat(observation("team.anon").status()).isNotEqualTo(TrackerObservation.Status.OK);
        assertThat(proxy.requests()).isNotEmpty().allMatch(r -> r.endsWith(" -> 407"));
    }

    @Test
    void theSystemProxiesLeaveClientsAsTheJvmMakesThem() {
        HttpClient.Builder jdk = HttpClient.newBuilder();
        okhttp3.OkHttpClient.Builder ok = new okhttp3.OkHttpClient.Builder();
        assertThat(Proxies.system().configure(jdk)).isSameAs(jdk);
        assertThat(Proxies.system().configure(ok)).isSameAs(ok);
        assertThat(Proxies.system().configure(ok).build().proxySelector()).isEqualTo(new okhttp3.OkHttpClient().proxySelector());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
