package io.jenkins.plugins.fathomable.core.source.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import okhttp3.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 5 and 8 at the GitHub source: names that Git allows but URLs do not reach GitHub as one encoded
 * path segment each, a file that is not UTF-8 is refused (not silently repaired), and an unreachable API is backed off
 * from, visibly, with each failed attempt counted as a GitHub error.
 */
class GitHubSourceHostileInputTest {

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String REPO = "acme/payments";

    @TempDir
    Path cacheDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RequestCounter counter = new RequestCounter();
    private GitHubFixture github;

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)));
    }

    private GitHubSource source(String apiUrl) throws Exception {
        return new GitHubSource(GitHubClients.create(apiUrl, id -> Optional.empty(), null,
                new Cache(cacheDir.toFile(), 1 << 20), counter), clock);
    }

    private void contents(String encodedPath, String path, String sha, byte[] bytes) {
        String body = "{\"type\":\"file\",\"encoding\":\"base64\",\"size\":" + bytes.length + ",\"name\":\"f\",\"path\":\""
                + path.replace("\"", "\\\"") + "\",\"content\":\"" + Base64.getEncoder().encodeToString(bytes)
                + "\",\"sha\":\"" + GitHubFixture.blobSha(bytes) + "\"}";
        WM.stubFor(get(urlEqualTo("/repos/" + REPO + "/contents/" + encodedPath + "?ref=" + sha))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void oddButValidNamesReachGitHubPercentEncodedNeverAsOtherPaths() throws Exception {
        String branch = "feature/50%#\u00fc+x";
        String path = "deploy dir/app #1?.yaml";
        // What the tracker model accepts is what this source must carry safely.
        Tracker tracker = Tracker.of("a.b", REPO, path, null, branch, null, null);
        String sha = GitHubFixture.sha("c1");
        github.repository(REPO, "main");
        github.commit(REPO, "heads/feature/50%25%23%C3%BC+x", sha);
        contents("deploy%20dir/app%20%231%3F.yaml", path, sha, "kind: Application\n".getBytes(StandardCharsets.UTF_8));

        ConfigFetch fetch = source(github.apiUrl()).fetch(REPO, tracker.ref(), tracker.sourcePath());

        assertThat(fetch).as(github.served().toString()).isInstanceOf(ConfigFetch.Found.class);
        assertThat(github.served()).containsExactly(
                "200 /repos/acme/payments",
                "200 /repos/acme/payments/commits/heads/feature/50%25%23%C3%BC+x",
                "200 /repos/acme/payments/contents/deploy%20dir/app%20%231%3F.yaml?ref=" + sha);
    }

    @Test
    void aFileThatIsNotUtf8IsInvalidNotSilentlyRepaired() throws Exception {
        String sha = GitHubFixture.sha("c2");
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", sha);
        byte[] latin1 = "apiVersion: fathomable.io/v1\nkind: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        contents("fathomable.yaml", "fathomable.yaml", sha, latin1);

        ConfigFetch fetch = source(github.apiUrl()).fetch(REPO, GitRef.DEFAULT, "fathomable.yaml");

        assertThat(fetch).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(Status.INVALID_CONFIG);
            assertThat(f.message()).isEqualTo("fathomable.yaml at " + sha + ": document: is not valid UTF-8: byte 0xe9"
                    + " at offset 38 cannot start or continue a character; save the file as UTF-8 (line 2, column 10)");
        });
    }

    @Test
    void anUnreachableApiIsBackedOffFromVisiblyAndCountedUntilItAnswersAgain() throws Exception {
        github.repository(REPO, "main");
        String sha = GitHubFixture.sha("c3");
        github.commit(REPO, "heads/main", sha);
        contents("fathomable.yaml", "fathomable.yaml", sha, "kind: Application\n".getBytes(StandardCharsets.UTF_8));
        var reset = WM.stubFor(get(urlEqualTo("/repos/" + REPO)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        GitHubSource source = source(github.apiUrl());

        ConfigFetch first = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml");
        long attempts = WM.getAllServeEvents().size();
        assertThat(first).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> {
            assertThat(f.status()).isEqualTo(Status.ERROR);
            assertThat(f.message()).startsWith("cannot reach GitHub API at " + github.apiUrl() + ": ")
                    .endsWith("(reading repository acme/payments); backing off until 2026-03-01T10:00:05Z");
        });
        assertThat(counter.count(RequestKind.GITHUB_ERROR)).as("attempts without an answer count as errors")
                .isEqualTo(attempts).isPositive();

        ConfigFetch during = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml");
        assertThat(WM.getAllServeEvents()).as("no request while backing off").hasSize((int) attempts);
        assertThat(during).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> assertThat(f.message())
                .contains("backing off until 2026-03-01T10:00:05Z (1 failure)"));

        clock.advance(Duration.ofSeconds(5));
        ConfigFetch second = source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml");
        assertThat(second).isInstanceOfSatisfying(ConfigFetch.Failed.class, f -> assertThat(f.message())
                .endsWith("backing off until 2026-03-01T10:00:15Z"));

        WM.removeStub(reset);
        clock.advance(Duration.ofSeconds(9));
        assertThat(source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml")).as("still backing off")
                .isInstanceOf(ConfigFetch.Failed.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.fetch(REPO, GitRef.DEFAULT, "fathomable.yaml")).as("recovered once the fault ended")
                .isInstanceOf(ConfigFetch.Found.class);
    }
}
