package io.jenkins.plugins.fathomable.core.source.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registry protocol cases a stock registry does not produce on demand: Link pagination, a missing digest header,
 * 429/5xx with and without Retry-After, Docker Hub's rate-limit header, an anonymous bearer challenge.
 */
class RegistryProtocolTest {

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private RequestCounter counter;

    @BeforeEach
    void setUp() {
        counter = new RequestCounter();
    }

    private RegistryClient client(RegistryConfig.Limits limits) {
        return new RegistryClient(HttpClient.newHttpClient(), new RegistryConfig(Map.of(), limits), CredentialsPort.none(),
                counter, clock, sleeper);
    }

    private RegistryClient client() {
        return client(new RegistryConfig.Limits(2, 1000, 3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    private ImageReference image(String tag) {
        return ImageReference.parse("127.0.0.1:" + WM.getPort() + "/acme/app" + (tag == null ? "" : ":" + tag));
    }

    private static String tagsJson(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "\"1." + i + ".0\"")
                .collect(Collectors.joining(",", "{\"name\":\"acme/app\",\"tags\":[", "]}"));
    }

    @Test
    void followsLinkPaginationAskingForOneHundredTagsAPage() throws Exception {
        WM.stubFor(get(urlEqualTo("/v2/acme/app/tags/list?n=100")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Link", "</v2/acme/app/tags/list?last=1.99.0&n=100>; rel=\"next\"")
                .withBody(tagsJson(0, 100))));
        WM.stubFor(get(urlEqualTo("/v2/acme/app/tags/list?last=1.99.0&n=100")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(tagsJson(100, 130))));

        assertThat(client().tags(image(null))).hasSize(130).contains("1.0.0", "1.99.0", "1.129.0");

        assertThat(counter.count(RequestKind.TAGS_LIST)).isEqualTo(2);
        WM.verify(1, getRequestedFor(urlEqualTo("/v2/acme/app/tags/list?last=1.99.0&n=100")));
    }

    @Test
    void headSendsAllManifestTypesAndGetsTheManifestOnlyWhenTheDigestHeaderIsMissing() throws Exception {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ImagePusher.OCI_MANIFEST)));
        WM.stubFor(get(urlEqualTo("/v2/acme/app/manifests/1.0.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ImagePusher.OCI_MANIFEST).withBody(manifest)));

        assertThat(client().digest(image("1.0.0"))).isEqualTo(ImagePusher.sha256(manifest));

        WM.verify(headRequestedFor(urlEqualTo("/v2/acme/app/manifests/1.0.0")).withHeader("Accept",
                equalTo(RegistryClient.ACCEPT)));
        assertThat(RegistryClient.ACCEPT).contains("application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json");
        assertThat(counter.count(RequestKind.HEAD_MANIFEST)).isEqualTo(1);
        assertThat(counter.count(RequestKind.GET_MANIFEST)).isEqualTo(1);
    }

    @Test
    void retriesA429AfterTheRetryAfterTheRegistrySent() throws Exception {
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).inScenario("limited")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", DIGEST)
                        .withHeader("ratelimit-remaining", "76;w=21600")));

        RegistryClient client = client();
        assertThat(client.digest(image("1.0.0"))).isEqualTo(DIGEST);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(client.rateLimitRemaining("127.0.0.1:" + WM.getPort())).hasValue(76);
    }

    @Test
    void backsOffExponentiallyOnServerErrorsThenGivesUp() {
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client().digest(image("1.0.0")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.REGISTRY_ERROR))
                .hasMessageContaining("503");

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        WM.verify(4, headRequestedFor(urlEqualTo("/v2/acme/app/manifests/1.0.0")));
    }

    @Test
    void aRetryAfterLongerThanOnePollPausesTheRegistryWithoutFurtherRequests() {
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600")));
        RegistryClient client = client();

        assertThatThrownBy(() -> client.digest(image("1.0.0")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.RATE_LIMITED));
        assertThatThrownBy(() -> client.digest(image("1.0.0")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(Status.RATE_LIMITED))
                .hasMessageContaining("paused until 2026-01-01T01:00:00Z");
        WM.verify(1, headRequestedFor(urlEqualTo("/v2/acme/app/manifests/1.0.0")));
        assertThat(sleeper.sleeps()).isEmpty();

        clock.advance(Duration.ofHours(1));
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", DIGEST)));
        assertThatThrownBy(() -> client.tags(image(null))).isInstanceOf(RegistryException.class); // no stub: 404
        WM.verify(1, getRequestedFor(urlPathEqualTo("/v2/acme/app/tags/list")));
    }

    @Test
    void capsTheRequestRate() throws Exception {
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", DIGEST)));
        RegistryClient client = client(new RegistryConfig.Limits(1, 2, 0, Duration.ofSeconds(1), Duration.ofSeconds(30)));

        for (int i = 0; i < 3; i++) {
            client.digest(image("1.0.0"));
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void anonymousBearerChallengeFetchesATokenWithoutCredentials() throws Exception {
        String realm = "http://127.0.0.1:" + WM.getPort() + "/token";
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
                        "Bearer realm=\"" + realm + "\",service=\"registry.test\",scope=\"repository:acme/app:pull\"")));
        WM.stubFor(head(urlEqualTo("/v2/acme/app/manifests/1.0.0")).withHeader("Authorization", equalTo("Bearer anon-token"))
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", DIGEST)));
        WM.stubFor(get(urlPathEqualTo("/token")).withQueryParam("service", equalTo("registry.test"))
                .withQueryParam("scope", equalTo("repository:acme/app:pull")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"anon-token\",\"expires_in\":300}")));

        assertThat(client().digest(image("1.0.0"))).isEqualTo(DIGEST);
        assertThat(client().digest(image("1.0.0"))).isEqualTo(DIGEST); // a new client: learns again

        assertThat(counter.count(RequestKind.TOKEN)).isEqualTo(2);
        assertThat(counter.count(RequestKind.HEAD_MANIFEST)).isEqualTo(4);
    }
}
