package io.jenkins.plugins.fathomable.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * Serves a GitHub REST API on WireMock the way api.github.com answers: repository, commit and contents JSON with
 * {@code ETag}, {@code Cache-Control}, {@code Vary} and {@code X-RateLimit-*} headers, and {@code 304 Not Modified}
 * (body-less, rate-limit headers included) when {@code If-None-Match} carries the current ETag. Given the
 * server's {@link GitHubGraphQl} extension, it answers GraphQL queries about the same repositories too.
 */
public final class GitHubFixture {

    private final WireMockExtension wm;
    private final long resetEpoch;
    private final Map<String, List<StubMapping>> stubs = new ConcurrentHashMap<>();
    private final GitHubModel model = new GitHubModel();
    private final GitHubGraphQl graphQl;

    /** REST only. */
    public GitHubFixture(WireMockExtension wm, Instant rateLimitReset) {
        this(wm, rateLimitReset, null);
    }

    /** REST and GraphQL; {@code graphQl} must be among the server's extensions. */
    public GitHubFixture(WireMockExtension wm, Instant rateLimitReset, GitHubGraphQl graphQl) {
        this.wm = wm;
        this.resetEpoch = rateLimitReset.getEpochSecond();
        this.graphQl = graphQl;
        if (graphQl != null) {
            graphQl.use(model, rateLimitReset);
            wm.stubFor(GitHubGraphQl.stub());
        }
    }

    /**
     * A reader of this GitHub with default limits: GraphQL for trackers with credentials, REST for the others, waits
     * for budget on {@code clock} instead of sleeping.
     */
    public io.jenkins.plugins.fathomable.core.source.github.GitHubReader reader(
            io.jenkins.plugins.fathomable.core.credentials.CredentialsPort credentials, java.nio.file.Path cache,
            io.jenkins.plugins.fathomable.core.source.RequestCounter counter, MutableClock clock) {
        return reader(credentials, io.jenkins.plugins.fathomable.core.source.github.GitHubLimits.DEFAULT, cache, counter,
                clock);
    }

    public io.jenkins.plugins.fathomable.core.source.github.GitHubReader reader(
            io.jenkins.plugins.fathomable.core.credentials.CredentialsPort credentials,
            io.jenkins.plugins.fathomable.core.source.github.GitHubLimits limits, java.nio.file.Path cache,
            io.jenkins.plugins.fathomable.core.source.RequestCounter counter, MutableClock clock) {
        return new io.jenkins.plugins.fathomable.core.source.github.GitHubReader(apiUrl(), credentials,
                io.jenkins.plugins.fathomable.core.source.Proxies.system(), limits, cache, counter, clock,
                new RecordingSleeper(clock));
    }

    /** The GraphQL endpoint's stand-in (refusals, counts). */
    public GitHubGraphQl graphQl() {
        return graphQl;
    }

    /** Reading this repository is refused (GraphQL {@code FORBIDDEN}; REST {@code 403}). */
    public void forbid(String repo, String message) {
        model.forbid(repo, message);
        error("/repos/" + repo, 403, message, 4990);
    }

    /** An annotated tag {@code tag} (a tag object) pointing at {@code commitSha}. */
    public void annotatedTag(String repo, String tag, String commitSha) {
        commit(repo, "tags/" + tag, commitSha);
        model.annotatedTag(repo, tag, sha("tag " + repo + tag + commitSha), commitSha);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + wm.getPort();
    }

    /** A repository with {@code default_branch}. */
    public void repository(String repo, String defaultBranch) {
        String owner = repo.substring(0, repo.indexOf('/'));
        String name = repo.substring(repo.indexOf('/') + 1);
        String body = "{\"id\":1296269,\"node_id\":\"MDEwOlJlcG9zaXRvcnkxMjk2MjY5\",\"name\":\"" + name + "\",\"full_name\":\""
                + repo + "\",\"private\":false,\"owner\":{\"login\":\"" + owner + "\",\"id\":1,\"type\":\"Organization\","
                + "\"url\":\"" + apiUrl() + "/users/" + owner + "\"},\"html_url\":\"https://github.com/" + repo + "\","
                + "\"url\":\"" + apiUrl() + "/repos/" + repo + "\",\"default_branch\":\"" + defaultBranch + "\","
                + "\"visibility\":\"public\",\"archived\":false,\"pushed_at\":\"2026-01-01T00:00:00Z\"}";
        conditional("/repos/" + repo, body);
        model.repository(repo, defaultBranch);
    }

    /** {@code GET /repos/REPO/commits/REF} answering {@code sha} ({@code ref} as sent: heads/x, tags/x). */
    public void commit(String repo, String ref, String sha) {
        String body = "{\"sha\":\"" + sha + "\",\"node_id\":\"C_kwDO" + sha.substring(0, 8) + "\",\"commit\":{"
                + "\"author\":{\"name\":\"Dev\",\"email\":\"dev@example.com\",\"date\":\"2026-01-01T00:00:00Z\"},"
                + "\"committer\":{\"name\":\"Dev\",\"email\":\"dev@example.com\",\"date\":\"2026-01-01T00:00:00Z\"},"
                + "\"message\":\"Update fathomable.yaml\",\"tree\":{\"sha\":\"" + sha(sha + "tree") + "\",\"url\":\""
                + apiUrl() + "/repos/" + repo + "/git/trees/x\"},\"comment_count\":0},"
                + "\"url\":\"" + apiUrl() + "/repos/" + repo + "/commits/" + sha + "\",\"html_url\":\"https://github.com/"
                + repo + "/commit/" + sha + "\",\"parents\":[],\"stats\":{\"total\":1,\"additions\":1,\"deletions\":0},"
                + "\"files\":[]}";
        conditional("/repos/" + repo + "/commits/" + ref, body);
        model.ref(repo, ref, sha);
    }

    /** {@code GET /repos/REPO/contents/PATH?ref=SHA}: the file base64-encoded, with its git blob SHA. Returns the blob SHA. */
    public String file(String repo, String path, String commitSha, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String blobSha = blobSha(bytes);
        String encoded = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes)
                .replace("\n", "\\n");
        String url = apiUrl() + "/repos/" + repo + "/contents/" + path + "?ref=" + commitSha;
        String body = "{\"type\":\"file\",\"encoding\":\"base64\",\"size\":" + bytes.length + ",\"name\":\""
                + path.substring(path.lastIndexOf('/') + 1) + "\",\"path\":\"" + path + "\",\"content\":\"" + encoded
                + "\\n\",\"sha\":\"" + blobSha + "\",\"url\":\"" + url + "\",\"git_url\":\"" + apiUrl() + "/repos/" + repo
                + "/git/blobs/" + blobSha + "\",\"html_url\":\"https://github.com/" + repo + "/blob/" + commitSha + "/" + path
                + "\",\"download_url\":\"https://raw.example.com/" + repo + "/" + commitSha + "/" + path + "\","
                + "\"_links\":{\"self\":\"" + url + "\",\"git\":\"" + apiUrl() + "/repos/" + repo + "/git/blobs/" + blobSha
                + "\",\"html\":\"https://github.com/" + repo + "/blob/" + commitSha + "/" + path + "\"}}";
        conditional("/repos/" + repo + "/contents/" + path + "?ref=" + commitSha, body);
        model.file(repo, path, commitSha, blobSha, content);
        return blobSha;
    }

    /** An error answer with GitHub's JSON error body. */
    public void error(String url, int status, String message, int remaining) {
        List<StubMapping> old = stubs.remove(url);
        if (old != null) {
            old.forEach(wm::removeStub);
        }
        stubs.put(url, List.of(wm.stubFor(get(urlEqualTo(url)).atPriority(1).willReturn(withRateLimit(aResponse().withStatus(status), remaining)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest\","
                        + "\"status\":\"" + status + "\"}")))));
    }

    /** Requests WireMock served, as {@code STATUS URL [conditional]} lines. */
    public List<String> served() {
        return wm.getAllServeEvents().stream()
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(GitHubFixture::describe).toList();
    }

    private static String describe(ServeEvent event) {
        boolean conditional = event.getRequest().containsHeader("If-None-Match");
        return event.getResponse().getStatus() + " " + event.getRequest().getUrl() + (conditional ? " conditional" : "");
    }

    /** Replaces what {@code url} answers: 200 with a new ETag, and 304 only for that ETag. */
    private void conditional(String url, String body) {
        List<StubMapping> old = stubs.remove(url);
        if (old != null) {
            old.forEach(wm::removeStub);
        }
        String etag = "W/\"" + sha(body) + "\"";
        stubs.put(url, List.of(
                wm.stubFor(get(urlEqualTo(url)).withHeader("If-None-Match", equalTo(etag)).atPriority(2)
                        .willReturn(headers(aResponse().withStatus(304), etag, 4999))),
                wm.stubFor(get(urlEqualTo(url)).atPriority(3).willReturn(headers(aResponse().withStatus(200), etag, 4998)
                        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)))));
    }

    private ResponseDefinitionBuilder headers(ResponseDefinitionBuilder response, String etag, int remaining) {
        return withRateLimit(response, remaining)
                .withHeader("ETag", etag)
                .withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .withHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
    }

    private ResponseDefinitionBuilder withRateLimit(ResponseDefinitionBuilder response, int remaining) {
        return response
                .withHeader("X-GitHub-Media-Type", "github.v3; format=json")
                .withHeader("X-GitHub-Request-Id", UUID.randomUUID().toString())
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                .withHeader("X-RateLimit-Reset", String.valueOf(resetEpoch))
                .withHeader("X-RateLimit-Used", String.valueOf(5000 - remaining))
                .withHeader("X-RateLimit-Resource", "core");
    }

    /** Git's blob SHA: sha1 of {@code "blob <length>\0"} followed by the content. */
    public static String blobSha(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stable 40-hex SHA-1 of any text, for fake commit SHAs. */
    public static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
