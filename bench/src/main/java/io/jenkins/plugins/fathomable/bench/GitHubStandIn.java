package io.jenkins.plugins.fathomable.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub REST API for the benchmark's repositories, on WireMock: one catch-all stub whose answers a transformer
 * computes from the {@link Workload} (thousands of static stubs would make WireMock's matching the bottleneck).
 * Repository, commit and contents answers carry an {@code ETag}; a request whose {@code If-None-Match} names the
 * current one gets a body-less {@code 304}, as on api.github.com. The request journal is off (it would grow by
 * every request); the transformer counts 200s and 304s itself.
 */
final class GitHubStandIn implements AutoCloseable {

    private static final Pattern REPO = Pattern.compile("/repos/(bench-org-\\d+/svc-(\\d+))");
    private static final Pattern COMMIT = Pattern.compile("/repos/(bench-org-\\d+/svc-(\\d+))/commits/heads/([^/?]+)");
    private static final Pattern CONTENTS = Pattern.compile("/repos/(bench-org-\\d+/svc-(\\d+))/contents/([^?]+)\\?ref=([0-9a-f]{40})");

    private final Workload workload;
    private final String registryHost;
    private final long resetEpoch = Instant.now().plusSeconds(3600).getEpochSecond();
    private final Map<Integer, Integer> commitGeneration = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> fileGeneration = new ConcurrentHashMap<>();
    private final Map<Integer, String> policies = new ConcurrentHashMap<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final WireMockServer server;

    GitHubStandIn(Workload workload, String registryHost) {
        this.workload = workload;
        this.registryHost = registryHost;
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .containerThreads(48).stubRequestLoggingDisabled(true).extensions(new Answers()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Answers so far: {@code 200}, {@code 304}, {@code other}. */
    Map<String, Long> served() {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("200", ok.get());
        counts.put("304", notModified.get());
        counts.put("other", other.get());
        return counts;
    }

    /** A new commit on the repository of {@code tracker} that changes that tracker's file. */
    void changeFile(int tracker) {
        commitGeneration.merge(tracker / 2, 1, Integer::sum);
        fileGeneration.merge(tracker, 1, Integer::sum);
    }

    /** A new commit whose file for {@code tracker} follows {@code policy} ({@code tag: "1.1.0"}) instead. */
    void changePolicy(int tracker, String policy) {
        policies.put(tracker, policy);
        changeFile(tracker);
    }

    private String commitSha(int pair) {
        return sha1("commit " + pair + " " + commitGeneration.getOrDefault(pair, 0));
    }

    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "github-stand-in";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            String ifNoneMatch = event.getRequest().getHeader("If-None-Match");
            Matcher m;
            if ((m = CONTENTS.matcher(url)).matches()) {
                int pair = Integer.parseInt(m.group(2));
                int tracker = 2 * pair + (m.group(3).equals("fathomable.yaml") ? 0 : 1);
                int generation = fileGeneration.getOrDefault(tracker, 0);
                String etag = "W/\"" + sha1(url + " " + generation) + "\"";
                String repo = m.group(1);
                String path = m.group(3);
                String sha = m.group(4);
                return answer(etag, ifNoneMatch, () -> contents(repo, path, sha, tracker, generation));
            }
            if ((m = COMMIT.matcher(url)).matches()) {
                int pair = Integer.parseInt(m.group(2));
                String sha = commitSha(pair);
                String repo = m.group(1);
                return answer("W/\"" + sha1(url + sha) + "\"", ifNoneMatch, () -> commit(repo, sha));
            }
            if ((m = REPO.matcher(url)).matches()) {
                String repo = m.group(1);
                return answer("W/\"" + sha1(url) + "\"", ifNoneMatch, () -> repository(repo));
            }
            other.incrementAndGet();
            return rateLimit(new ResponseDefinitionBuilder().withStatus(404), 4999)
                    .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}")
                    .build();
        }

        private ResponseDefinition answer(String etag, String ifNoneMatch, java.util.function.Supplier<String> body) {
            ResponseDefinitionBuilder response = new ResponseDefinitionBuilder()
                    .withHeader("ETag", etag)
                    .withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                    .withHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
            if (etag.equals(ifNoneMatch)) {
                notModified.incrementAndGet();
                return rateLimit(response.withStatus(304), 4999).build();
            }
            ok.incrementAndGet();
            return rateLimit(response.withStatus(200), 4998).withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(body.get()).build();
        }

        private ResponseDefinitionBuilder rateLimit(ResponseDefinitionBuilder response, int remaining) {
            return response.withHeader("X-GitHub-Media-Type", "github.v3; format=json")
                    .withHeader("X-RateLimit-Limit", "5000")
                    .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                    .withHeader("X-RateLimit-Reset", String.valueOf(resetEpoch))
                    .withHeader("X-RateLimit-Used", String.valueOf(5000 - remaining))
                    .withHeader("X-RateLimit-Resource", "core");
        }
    }

    private String repository(String repo) {
        String owner = repo.substring(0, repo.indexOf('/'));
        return "{\"id\":1296269,\"name\":\"" + repo.substring(repo.indexOf('/') + 1) + "\",\"full_name\":\"" + repo
                + "\",\"private\":true,\"owner\":{\"login\":\"" + owner + "\",\"id\":1,\"type\":\"Organization\",\"url\":\""
                + apiUrl() + "/users/" + owner + "\"},\"html_url\":\"https://github.com/" + repo + "\",\"url\":\"" + apiUrl()
                + "/repos/" + repo + "\",\"default_branch\":\"main\",\"visibility\":\"private\",\"archived\":false,"
                + "\"pushed_at\":\"2026-01-01T00:00:00Z\"}";
    }

    private String commit(String repo, String sha) {
        return "{\"sha\":\"" + sha + "\",\"node_id\":\"C_kwDO" + sha.substring(0, 8) + "\",\"commit\":{\"author\":{\"name\":\"Dev\","
                + "\"email\":\"dev@example.com\",\"date\":\"2026-01-01T00:00:00Z\"},\"committer\":{\"name\":\"Dev\",\"email\":"
                + "\"dev@example.com\",\"date\":\"2026-01-01T00:00:00Z\"},\"message\":\"Update fathomable.yaml\",\"tree\":{\"sha\":\""
                + sha1(sha + "tree") + "\",\"url\":\"" + apiUrl() + "/repos/" + repo + "/git/trees/x\"},\"comment_count\":0},"
                + "\"url\":\"" + apiUrl() + "/repos/" + repo + "/commits/" + sha + "\",\"parents\":[],\"files\":[]}";
    }

    private String contents(String repo, String path, String sha, int tracker, int generation) {
        String yaml = Workload.yaml(registryHost, workload.imageOf(tracker),
                policies.getOrDefault(tracker, workload.policy(tracker)), tracker)
                + (generation == 0 ? "" : "# revision " + generation + "\n");
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        String blobSha = blobSha(bytes);
        String encoded = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes)
                .replace("\n", "\\n");
        String url = apiUrl() + "/repos/" + repo + "/contents/" + path + "?ref=" + sha;
        return "{\"type\":\"file\",\"encoding\":\"base64\",\"size\":" + bytes.length + ",\"name\":\""
                + path.substring(path.lastIndexOf('/') + 1) + "\",\"path\":\"" + path + "\",\"content\":\"" + encoded
                + "\\n\",\"sha\":\"" + blobSha + "\",\"url\":\"" + url + "\",\"git_url\":\"" + apiUrl() + "/repos/" + repo
                + "/git/blobs/" + blobSha + "\",\"html_url\":\"https://github.com/" + repo + "/blob/" + sha + "/" + path + "\"}";
    }

    private static String blobSha(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
