package io.jenkins.plugins.fathomable.cli.serve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.poll.InMemoryObservationStore;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.testing.ForwardProxy;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} through the proxy the usual environment variables name, against a real forward proxy on loopback. */
class EnvironmentProxiesTest {

    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();
    private static final String TOKEN = "ghp_" + "EnvironmentProxiesTest000001";

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL)).build();

    private static ImagePusher.Pushed pushed;

    @TempDir
    Path cache;
    private final ForwardProxy proxy = ForwardProxy.withCredentials("robot", "p@ss:word");
    private final InMemoryObservationStore store = new InMemoryObservationStore();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void pushImage() throws Exception {
        pushed = REGISTRY.pusher().image("serve/app", "1.0.0");
    }

    @BeforeEach
    void publish() {
        GitHubFixture github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
        String sha = GitHubFixture.sha("env-proxy");
        github.repository("acme/app", "main");
        github.commit("acme/app", "heads/main", sha);
        github.file("acme/app", "fathomable.yaml", sha, "apiVersion: fathomable.io/v1\nkind: Application\n"
                + "metadata:\n  name: app\nspec:\n  pattern: web-service\n  image:\n    repository: "
                + REGISTRY.host() + "/serve/app\n    tag: \"1.0.0\"\n");
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        proxy.close();
    }

    /** One poll of a tracker with a token, through what {@code environment} says, as LocalEngine composes it. */
    private TrackerObservation poll(Map<String, String> environment) throws Exception {
        Proxies proxies = EnvironmentProxies.of(environment::get);
        CredentialsPort credentials = id -> "gh".equals(id)
                ? Optional.of(new Credential.Token(Secret.of(TOKEN))) : Optional.empty();
        Clock clock = Clock.systemUTC();
        RequestCounter counter = new RequestCounter();
        GitHubReader gitHub = new GitHubReader(WM.baseUrl(), credentials, proxies, GitHubLimits.DEFAULT, cache,
                counter, clock, Sleeper.system());
        RegistryClient registry = new RegistryClient(proxies.configure(HttpClient.newBuilder()).build(),
                RegistryConfig.anonymous(), CredentialsPort.none(), counter, clock, Sleeper.system());
        List<Tracker> trackers = List.of(Tracker.of("team.app", "acme/app", "fathomable.yaml", null, null, null, "gh"));
        new PollCycle(() -> trackers, store, gitHub, registry, new YamlImagePolicyReader(), clock, executor).run();
        return store.observation(TrackerId.parse("team.app")).orElse(TrackerObservation.NONE);
    }

    @Test
    void httpProxyWithUserAndPasswordCarriesGitHubAndTheRegistry() throws Exception {
        // no_proxy set without this machine: the stand-ins on loopback are reached through the proxy too
        TrackerObservation seen = poll(Map.of("http_proxy", "http://robot:p%40ss%3Aword@127.0.0.1:" + proxy.port(),
                "no_proxy", "example.com"));

        assertThat(seen.status()).as(String.valueOf(seen.lastError())).isEqualTo(TrackerObservation.Status.OK);
        assertThat(seen.image().digest()).isEqualTo(pushed.digest());
        assertThat(proxy.requests()).contains("POST " + WM.baseUrl() + "/graphql -> 200",
                "HEAD http://" + REGISTRY.host() + "/v2/serve/app/manifests/1.0.0 -> 200");
    }

    @Test
    void noProxyHostsAreReachedDirectly() throws Exception {
        TrackerObservation seen = poll(Map.of("HTTP_PROXY", "127.0.0.1:" + proxy.port(),
                "NO_PROXY", "example.com, localhost,127.0.0.1"));

        assertThat(seen.status()).isEqualTo(TrackerObservation.Status.OK);
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void withoutNoProxyThisMachineIsReachedDirectly() throws Exception {
        TrackerObservation seen = poll(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(),
                "HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));

        assertThat(seen.status()).isEqualTo(TrackerObservation.Status.OK);
        assertThat(proxy.requests()).isEmpty();
        Proxies proxies = EnvironmentProxies.of(Map.of("https_proxy", "http://proxy.example.com:3128")::get);
        assertThat(proxies.proxyFor(URI.create("https://localhost:8443/"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://[::1]:8443/"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://api.github.com/"))).isNotEqualTo(Proxy.NO_PROXY);
    }

    @Test
    void wrongProxyCredentialsShowOnTheStatus() throws Exception {
        TrackerObservation seen = poll(Map.of("http_proxy", "http://robot:wrong@127.0.0.1:" + proxy.port(),
                "no_proxy", "example.com"));

        assertThat(seen.status()).isNotEqualTo(TrackerObservation.Status.OK);
        assertThat(seen.lastError()).contains("407");
    }

    @Test
    void eachSchemeHasItsVariableAndNoProxyMatchesDomainsAndPorts() {
        Proxies proxies = EnvironmentProxies.of(Map.of("https_proxy", "http://secure.proxy:3128",
                "HTTPS_PROXY", "http://ignored.proxy:1", "http_proxy", "plain.proxy",
                "no_proxy", ".internal,registry.example.com:5000,[::1]")::get);

        assertThat(address(proxies.proxyFor(URI.create("https://api.github.com/graphql")))).isEqualTo("secure.proxy:3128");
        assertThat(address(proxies.proxyFor(URI.create("http://mirror.example.com/v2/")))).isEqualTo("plain.proxy:1080");
        assertThat(proxies.proxyFor(URI.create("https://kube.internal:6443/api"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://internal/"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://notinternal/"))).isNotEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://registry.example.com:5000/v2/"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://registry.example.com/v2/"))).isNotEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("http://[::1]:8080/"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.credentials("secure.proxy", 3128)).isEmpty();

        assertThat(EnvironmentProxies.of(Map.of("https_proxy", "http://p:1", "no_proxy", "*")::get)
                .proxyFor(URI.create("https://api.github.com/"))).isEqualTo(Proxy.NO_PROXY);
        HttpClient.Builder jdk = HttpClient.newBuilder();
        assertThat(EnvironmentProxies.of(Map.of("NO_PROXY", "*")::get).configure(jdk)).as("no proxy named: the JVM's")
                .isSameAs(jdk);
    }

    @Test
    void aValueThatIsNoHttpProxyStopsTheStartNamingTheVariableButNotThePassword() {
        assertThatThrownBy(() -> EnvironmentProxies.of(Map.of("HTTPS_PROXY", "socks5://robot:s3cret@proxy:1080")::get))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("HTTPS_PROXY").hasMessageContaining("only http://")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> EnvironmentProxies.of(Map.of("http_proxy", "http://[bad")::get))
                .isInstanceOf(StartupException.class).hasMessageContaining("http_proxy");
    }

    private static String address(Proxy proxy) {
        InetSocketAddress a = (InetSocketAddress) proxy.address();
        return a.getHostString() + ":" + a.getPort();
    }
}
