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
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.core.testing.GitHubModel;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub API for the benchmark's repositories, on WireMock: one catch-all stub whose answers a transformer
 * computes from the {@link Workload} (thousands of static stubs would make WireMock's matching the bottleneck).
 * REST repository, commit and contents answers carry an {@code ETag}; a request whose {@code If-None-Match} names the
 * current one gets a body-less {@code 304}, as on api.github.com. {@code POST /graphql} is answered by core's
 * GraphQL stand-in, which executes each query against GitHub's schema as GitHub does (one entry per alias, a missing
 * repository {@code null} with a {@code NOT_FOUND} error, rate-limit headers) over the same workload. The request
 * journal is off (it would grow by every request); the transformer counts requests by kind, GraphQL points, and the
 * most requests of each API in any 60 seconds.
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
    private final AtomicLong contents = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final GitHubGraphQl graphQl;
    private final PeakPerMinute restPeak = new PeakPerMinute();
    private final PeakPerMinute graphQlPeak = new PeakPerMinute();
    private final WireMockServer server;

    GitHubStandIn(Workload workload, String registryHost) {
        this.workload = workload;
        this.registryHost = registryHost;
        this.graphQl = new GitHubGraphQl(new Repositories());
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .containerThreads(48).stubRequestLoggingDisabled(true).extensions(new Answers()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * Answers so far: REST {@code 200} (of which {@code contents} were file reads), {@code 304}, {@code other}
     * (unknown paths); GraphQL {@code graphql} queries and the {@code points} GitHub charges for them.
     */
    Map<String, Long> served() {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("200", ok.get());
        counts.put("304", notModified.get());
        counts.put("contents", contents.get());
        counts.put("other", other.get());
        counts.put("graphql", graphQl.queries());
        counts.put("points", graphQl.points());
        return counts;
    }

    /** Starts measuring the peaks anew (windows reaching back before now still count). */
    void resetPeaks() {
        restPeak.resetPeak();
        graphQlPeak.resetPeak();
    }

    /** The most REST requests in any 60 seconds since {@link #resetPeaks()}. */
    int restPeakPerMinute() {
        return restPeak.peak();
    }

    /** The most GraphQL queries in any 60 seconds since {@link #resetPeaks()}. */
    int graphQlPeakPerMinute() {
        return graphQlPeak.peak();
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
            if (url.equals("/graphql")) {
                graphQlPeak.record(System.nanoTime());
                return graphQl.answer(event.getRequest());
            }
            restPeak.record(System.nanoTime());
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
                if (!etag.equals(ifNoneMatch)) {
                    contents.incrementAndGet();
                }
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

    /** The file of {@code tracker} at its current revision. */
    private String yaml(int tracker) {
        int generation = fileGeneration.getOrDefault(tracker, 0);
        return Workload.yaml(registryHost, workload.imageOf(tracker),
                policies.getOrDefault(tracker, workload.policy(tracker)), tracker)
                + (generation == 0 ? "" : "# revision " + generation + "\n");
    }

    private String contents(String repo, String path, String sha, int tracker, int generation) {
        String yaml = yaml(tracker);
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

    /**
     * The workload's repositories as GraphQL sees them: {@code bench-org-K/svc-P} with branches {@code main} (the
     * default) and {@code release}, both at the pair's current commit, holding the files of trackers 2P and 2P+1.
     */
    private final class Repositories implements GitHubGraphQl.Repositories {

        private int pair(String repo) {
            Matcher m = REPO.matcher("/repos/" + repo);
            if (!m.matches()) {
                return -1;
            }
            int pair = Integer.parseInt(m.group(2));
            return pair < (workload.trackers() + 1) / 2 && repo.startsWith("bench-org-" + (pair % 50) + "/") ? pair : -1;
        }

        @Override
        public boolean exists(String repo) {
            return pair(repo) >= 0;
        }

        @Override
        public Optional<String> forbidden(String repo) {
            return Optional.empty();
        }

        @Override
        public Optional<GitHubModel.Ref> defaultBranchRef(String repo) {
            return Optional.of(new GitHubModel.Ref("main", new GitHubModel.Commit(commitSha(pair(repo)))));
        }

        @Override
        public Optional<GitHubModel.Ref> ref(String repo, String qualifiedName) {
            return qualifiedName.equals("refs/heads/main") || qualifiedName.equals("refs/heads/release")
                    ? Optional.of(new GitHubModel.Ref(qualifiedName.substring("refs/heads/".length()),
                            new GitHubModel.Commit(commitSha(pair(repo))))) : Optional.empty();
        }

        @Override
        public Optional<GitHubModel.GitObject> object(String repo, String expression) {
            int pair = pair(repo);
            int colon = expression.indexOf(':');
            String rev = expression.substring(0, colon);
            String path = expression.substring(colon + 1);
            boolean atHead = rev.equals("HEAD") || rev.equals("refs/heads/main") || rev.equals("refs/heads/release")
                    || rev.equals(commitSha(pair));
            int tracker = 2 * pair + (path.equals(Workload.path(0)) ? 0 : path.equals(Workload.path(1)) ? 1 : -2);
            if (!atHead || tracker < 2 * pair || tracker >= workload.trackers()) {
                return Optional.empty();
            }
            String yaml = yaml(tracker);
            return Optional.of(new GitHubModel.Blob(blobSha(yaml.getBytes(StandardCharsets.UTF_8)), yaml));
        }
    }

    /** The most events in any 60 seconds: a queue of the last minute's events, its longest length since a reset. */
    private static final class PeakPerMinute {
        private static final long MINUTE = 60_000_000_000L;
        private final java.util.ArrayDeque<Long> lastMinute = new java.util.ArrayDeque<>();
        private int peak;

        synchronized void record(long nanos) {
            lastMinute.addLast(nanos);
            while (lastMinute.peekFirst() <= nanos - MINUTE) {
                lastMinute.removeFirst();
            }
            peak = Math.max(peak, lastMinute.size());
        }

        synchronized void resetPeak() {
            peak = 0;
        }

        synchronized int peak() {
            return peak;
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
