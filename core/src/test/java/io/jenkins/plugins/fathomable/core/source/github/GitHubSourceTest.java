package io.jenkins.plugins.fathomable.core.source.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitHubSource} against a WireMock GitHub answering like api.github.com, ETags and 304s included. */
class GitHubSourceTest {

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String REPO = "acme/payments";
    private static final String YAML = "apiVersion: fathomable.io/v1\nkind: Application\nspec:\n  image:\n"
            + "    repository: ghcr.io/acme/payments-api\n    tag: \"1.4.2\"\n";

    @TempDir
    Path cacheDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RequestCounter counter = new RequestCounter();
    private GitHubFixture github;

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)));
    }

    private GitHubSource source(Optional<Credential> credential) throws Exception {
        CredentialsPort credentials = id -> id.equals("github-token") ? credential : Optional.empty();
        return new GitHubSource(GitHubClients.create(github.apiUrl(), credentials,
                credential.isPresent() ? "github-token" : null, new Cache(cacheDir.toFile(), 1 << 20), counter), clock);
    }

    @Test
    void readsTheFileAtTheDefaultBranchAndRepeatsWithFree304s() throws Exception {
        String sha = GitHubFixture.sha("c1");
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", sha);
        String blob = github.file(REPO, "deploy/fathomable.yaml", sha, YAML);
        GitHubSource source = source(Optional.of(new Credential.Token(Secret.of("ghp_test"))));

        ConfigFetch first = source.fetch(REPO, GitRef.DEFAULT, "deploy/fathomable.yaml");
        ConfigFetch second = source.fetch(REPO, GitRef.DEFAULT, "deploy/fathomable.yaml");

        ConfigRevision expected = new ConfigRevision(sha, blob, YAML);
        assertThat(first).isEqualTo(new ConfigFetch.Found(expected));
        assertThat(second).isEqualTo(new ConfigFetch.Found(expected));
        assertThat(github.served()).containsExactly(
                "200 /repos/acme/payments",
                "200 /repos/acme/payments/commits/heads/main",
                "200 /repos/acme/payments/contents/deploy/fathomable.yaml?ref=" + sha,
                "304 /repos/acme/payments conditional",
                "304 /repos/acme/payments/commits/heads/main conditional",
                "304 /repos/acme/payments/contents/deploy/fathomable.yaml?ref=" + sha + " conditional");
        assertThat(counter.count(RequestKind.GITHUB_200)).isEqualTo(3);
        assertThat(counter.count(RequestKind.GITHUB_304)).isEqualTo(3);
        WM.verify(6, getRequestedFor(urlMatching("/repos/acme/payments.*"))
                .withHeader("Authorization", equalTo("token ghp_test")));
    }

    @Test
    void aKnownRevisionAtTheSameCommitIsNotReadAgainButANewCommitIs() throws Exception {
        String c1 = GitHubFixture.sha("k1");
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", c1);
        github.file(REPO, "fathomable.yaml", c1, YAML);
        GitHubSource source = source(Optional.empty());
        ConfigRevision known = ((ConfigFetch.Found) source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml")).revision();
        WM.resetRequests();

        ConfigFetch same = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml", known);

        assertThat(same).isEqualTo(new ConfigFetch.Found(known));
        assertThat(github.served()).containsExactly(
                "304 /repos/acme/payments conditional",
                "304 /repos/acme/payments/commits/heads/main conditional");

        String c2 = GitHubFixture.sha("k2");
        String changed = YAML + "# edited\n";
        github.commit(REPO, "heads/main", c2);
        String blob = github.file(REPO, "fathomable.yaml", c2, changed);
        WM.resetRequests();

        ConfigFetch moved = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml", known);

        assertThat(moved).isEqualTo(new ConfigFetch.Found(new ConfigRevision(c2, blob, changed)));
        assertThat(github.served()).containsExactly(
                "304 /repos/acme/payments conditional",
                "200 /repos/acme/payments/commits/heads/main conditional",
                "200 /repos/acme/payments/contents/fathomable.yaml?ref=" + c2);
    }

    @Test
    void aMovedBranchIsReadAgainWhileTheRestStaysConditional() throws Exception {
        github.repository(REPO, "main");
        github.commit(REPO, "heads/release", GitHubFixture.sha("r1"));
        github.file(REPO, "fathomable.yaml", GitHubFixture.sha("r1"), YAML);
        GitHubSource source = source(Optional.empty());
        source.fetch(REPO, GitRef.branch("release"), "fathomable.yaml");

        String changed = YAML.replace("1.4.2", "1.4.3");
        github.commit(REPO, "heads/release", GitHubFixture.sha("r2"));
        String newBlob = github.file(REPO, "fathomable.yaml", GitHubFixture.sha("r2"), changed);
        ConfigFetch fetch = source.fetch(REPO, GitRef.branch("release"), "fathomable.yaml");

        assertThat(fetch).isEqualTo(new ConfigFetch.Found(new ConfigRevision(GitHubFixture.sha("r2"), newBlob, changed)));
        assertThat(github.served()).endsWith(
                "304 /repos/acme/payments conditional",
                "200 /repos/acme/payments/commits/heads/release conditional",
                "200 /repos/acme/payments/contents/fathomable.yaml?ref=" + GitHubFixture.sha("r2"));
    }

    @Test
    void tagsResolveThroughTheCommitsApiAndCommitsNeedNoResolving() throws Exception {
        String sha = GitHubFixture.sha("t1");
        github.repository(REPO, "main");
        github.commit(REPO, "tags/v1.0.0", sha);
        github.file(REPO, "fathomable.yaml", sha, YAML);
        GitHubSource source = source(Optional.empty());

        assertThat(source.fetch(REPO, GitRef.tag("v1.0.0"), "fathomable.yaml")).isInstanceOf(ConfigFetch.Found.class);
        assertThat(source.fetch(REPO, GitRef.commit(sha), "fathomable.yaml"))
                .isEqualTo(source.fetch(REPO, GitRef.tag("v1.0.0"), "fathomable.yaml"));

        WM.verify(0, getRequestedFor(urlEqualTo("/repos/acme/payments/commits/" + sha)));
    }

    @Test
    void missingRepositoryOrFileIsNotFound() throws Exception {
        github.error("/repos/acme/gone", 404, "Not Found", 4990);
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", GitHubFixture.sha("c1"));
        github.error("/repos/acme/payments/contents/missing.yaml?ref=" + GitHubFixture.sha("c1"), 404, "Not Found", 4990);
        GitHubSource source = source(Optional.empty());

        assertThat(source.fetch("acme/gone", GitRef.DEFAULT, "fathomable.yaml"))
                .isEqualTo(new ConfigFetch.Failed(Status.NOT_FOUND,
                        "GitHub: repository acme/gone not found (or not visible to these credentials)"));
        assertThat(source.fetch(REPO, GitRef.DEFAULT, "missing.yaml"))
                .isInstanceOfSatisfying(ConfigFetch.Failed.class, failed -> {
                    assertThat(failed.status()).isEqualTo(Status.NOT_FOUND);
                    assertThat(failed.message()).contains("missing.yaml at " + GitHubFixture.sha("c1"));
                });
    }

    @Test
    void badCredentialsAreUnauthorizedAndRefusedAccessIsForbidden() throws Exception {
        github.error("/repos/acme/private", 401, "Bad credentials", 4990);
        github.error("/repos/acme/sso", 403, "Resource protected by organization SAML enforcement.", 4990);
        GitHubSource source = source(Optional.of(new Credential.Token(Secret.of("ghp_revoked"))));

        ConfigFetch unauthorized = source.fetch("acme/private", GitRef.DEFAULT, "fathomable.yaml");
        ConfigFetch forbidden = source.fetch("acme/sso", GitRef.DEFAULT, "fathomable.yaml");

        assertThat(unauthorized).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(Status.UNAUTHORIZED);
            assertThat(f.message()).doesNotContain("ghp_revoked");
        });
        assertThat(forbidden).isInstanceOfSatisfying(ConfigFetch.Failed.class,
                f -> assertThat(f.status()).isEqualTo(Status.FORBIDDEN));
    }

    @Test
    void exhaustedRateLimitPausesUntilTheResetWithoutRequests() throws Exception {
        github.error("/repos/" + REPO, 403, "API rate limit exceeded for user ID 1.", 0);
        GitHubSource source = source(Optional.of(new Credential.Token(Secret.of("ghp_test"))));

        ConfigFetch limited = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml");
        ConfigFetch whilePaused = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml");

        Instant reset = clock.instant().plus(Duration.ofHours(1));
        assertThat(limited).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(Status.RATE_LIMITED);
            assertThat(f.message()).contains("paused until " + reset);
        });
        assertThat(whilePaused).isEqualTo(new ConfigFetch.Failed(Status.RATE_LIMITED,
                "GitHub API rate limit exhausted; paused until " + reset));
        assertThat(source.pausedUntil()).isEqualTo(reset);
        WM.verify(1, getRequestedFor(urlEqualTo("/repos/" + REPO)));
        assertThat(counter.count(RequestKind.GITHUB_ERROR)).isEqualTo(1);

        clock.set(reset.plusSeconds(1));
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", GitHubFixture.sha("c1"));
        github.file(REPO, "fathomable.yaml", GitHubFixture.sha("c1"), YAML);
        assertThat(source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml")).isInstanceOf(ConfigFetch.Found.class);
    }

    @Test
    void anUnreachableApiSaysSoWithTheUrlInsteadOfAnHttpCode() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String apiUrl = "http://127.0.0.1:" + closedPort;
        GitHubSource source = new GitHubSource(GitHubClients.create(apiUrl, id -> Optional.empty(), null,
                new Cache(cacheDir.toFile(), 1 << 20), counter), clock);

        ConfigFetch fetch = source.fetch(REPO, GitRef.DEFAULT, "deploy/fathomable.yaml");

        assertThat(fetch).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).isEqualTo("cannot reach GitHub API at " + apiUrl
                    + ": connection refused (reading repository acme/payments); backing off until 2026-03-01T10:00:05Z");
        });
    }
}
