package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.cli.serve.Engine;
import io.jenkins.plugins.fathomable.cli.serve.LocalEngine;
import io.jenkins.plugins.fathomable.cli.serve.ServeApp;
import io.jenkins.plugins.fathomable.cli.serve.ServeSettings;
import io.jenkins.plugins.fathomable.cli.serve.WebhookSettings;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.webhook.Secrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webhook latency (issue 15): {@code fathomable serve} as it runs (its Jetty, its engine, its webhook receivers, render
 * only, one environment {@code dev}) with every tracker of the workload loaded, a real {@code docker-registry} sending
 * its notifications to {@code /webhooks/registry}, and signed GitHub push webhooks on {@code /webhooks/github}. Each
 * sample is the time from a push (the manifest PUT answered; the webhook about to be sent) until every release it
 * concerns is queued in dev: the moment serve hands it to its executor, which it logs ({@code deploy: ... to dev}).
 * Pushes are one at a time; no poll pass runs meanwhile (the poll interval is an hour).
 */
final class LatencyBench implements AutoCloseable {

    private static final Pattern HANDED_OUT = Pattern.compile("^deploy: \\S+ release (\\d+) of (\\S+) to dev \\(");
    private static final boolean DEBUG = Boolean.getBoolean("bench.debug");
    private static final String SECRET = "bench-github-webhook-" + UUID.randomUUID();
    private static final String TOKEN = "bench-registry-webhook-" + UUID.randomUUID();

    private final Workload workload;
    private final GitHubStandIn gitHub;
    private final LocalRegistry registry;
    private final ServeApp serve;
    private final ImagePublisher publisher;
    private final List<Tracker> trackers;
    /** When each (tracker, release) was handed out to dev, in {@link System#nanoTime()}. */
    private final Map<String, Long> queued = new ConcurrentHashMap<>();
    private final AtomicLong ready = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int generation = 1000;
    private int nextGitHubTracker;
    private int registryPush;
    /** Registry pushes whose releases never came (see {@link #registryPushes}). */
    int registryMissed;
    private final java.util.ArrayDeque<String> recentWebhookLines = new java.util.ArrayDeque<>();

    /**
     * @param storage a fresh copy of the registry data (pushes change it)
     */
    LatencyBench(Workload workload, Path storage, Path runDir) throws Exception {
        this.workload = workload;
        int registryPort = LocalRegistry.freePort();
        String registryHost = "127.0.0.1:" + registryPort;
        gitHub = new GitHubStandIn(workload, registryHost);
        trackers = workload.buildTrackers();
        Path state = runDir.resolve("serve-state");
        long start = System.nanoTime();
        FileTrackerStore store = new FileTrackerStore(state.resolve(ServeApp.TRACKERS_DIR));
        for (Tracker t : trackers) {
            store.create(TrackerRecord.of(t));
        }
        System.out.printf("latency: %d trackers stored in %.1f s%n", trackers.size(), (System.nanoTime() - start) / 1e9);
        Files.writeString(runDir.resolve("github-secret"), SECRET);
        Files.writeString(runDir.resolve("registry-token"), TOKEN);
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, state, URI.create(gitHub.apiUrl()), Duration.ofHours(1),
                false, List.of(new ServeSettings.Environment("dev", null, null, null, null, false)),
                List.of(new ServeSettings.Registry(registryHost, null, true, null, null, null, 1_000_000d, 16)), true,
                // GitHub's budget would make the first pass read 900 files a minute (11 minutes for 10,000); the looks
                // measured stay far inside the default budget (one GraphQL query, at most one file read each)
                Duration.ofSeconds(30), new GitHubLimits(1_000_000, 1_000_000, GitHubLimits.MAX_IN_FLIGHT))
                .withWebhooks(new WebhookSettings(null,
                        new WebhookSettings.SecretSource("webhooks.github.secretFile", runDir.resolve("github-secret"), null),
                        new WebhookSettings.SecretSource("webhooks.registry.tokenFile", runDir.resolve("registry-token"), null)));
        // every tracker reads GitHub with the benchmark's token, whatever its credentials id (as in the cycle bench)
        serve = ServeApp.start(settings, ctx -> new LocalEngine(new Engine.Context(ctx.settings(), ctx.store(),
                ctx.trackers(), new BenchTokens(), ctx.clock(), ctx.log())),
                Optional.of("bench-admin-" + UUID.randomUUID()), this::log, Clock.systemUTC(), new SecureRandom());
        registry = LocalRegistry.start(storage, runDir, registryPort, serve.baseUri().resolve("/webhooks/registry"),
                "Bearer " + TOKEN);
        publisher = new ImagePublisher(registry.baseUri());
    }

    /** One token for every credentials id; the stand-in does not check it. */
    private static final class BenchTokens implements io.jenkins.plugins.fathomable.core.api.SecretStore {
        private static final Secret TOKEN = Secret.of("ghp_" + "BenchmarkTokenNotASecret000000000000");

        @Override
        public Optional<io.jenkins.plugins.fathomable.core.credentials.Credential> lookup(String id) {
            return Optional.of(new io.jenkins.plugins.fathomable.core.credentials.Credential.Token(TOKEN));
        }

        @Override
        public void put(String id, Secret secret) {
            throw new UnsupportedOperationException("the benchmark posts no tokens");
        }

        @Override
        public void remove(String id) {
        }
    }

    private void log(String line) {
        Matcher m = HANDED_OUT.matcher(line);
        if (m.find()) {
            queued.put(m.group(2) + "#" + m.group(1), System.nanoTime());
        } else if (line.startsWith("deploy: ") && line.endsWith(" in dev ready")) {
            ready.incrementAndGet();
        } else if (line.startsWith("poll: ") && !line.startsWith("poll: 1") || line.startsWith("error")
                || line.startsWith("webhook: ") && (DEBUG || !routine(line))) {
            System.out.println("    serve: " + line);
        }
        if (line.startsWith("webhook: ")) {
            synchronized (recentWebhookLines) {
                recentWebhookLines.addLast(line);
                if (recentWebhookLines.size() > 20) {
                    recentWebhookLines.removeFirst();
                }
            }
        }
    }

    /** A delivery accepted, or a look without failures: not worth a line per push. */
    private static boolean routine(String line) {
        return line.contains(": looking at ") || line.contains(": no tracker follows it")
                || line.startsWith("webhook: looked at ") && line.contains(" 0 failed");
    }

    /** The first pass (every tracker read and released once); returns when every release 1 is rendered. */
    void ingest() throws Exception {
        long start = System.nanoTime();
        serve.pollNow();
        double poll = (System.nanoTime() - start) / 1e9;
        while (ready.get() < trackers.size()) {
            Thread.sleep(200);
        }
        System.out.printf("latency: first pass over %d trackers %.1f s, their %d releases rendered after %.1f s%n",
                trackers.size(), poll, trackers.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Pushes of a new digest for a tag trackers follow, each timed until its releases are queued, until {@code count}
     * are timed. A push whose releases do not come within 30 s is counted in {@link #registryMissed} instead: the
     * registry sends its notification when the manifest is stored, before it moves the tag, so a look can still see
     * the old digest (the next look of those trackers, or their poll, then finds the new one).
     */
    long[] registryPushes(int count) throws Exception {
        List<Long> samples = new ArrayList<>();
        List<Integer> fixed = new ArrayList<>();
        for (int image = 0; image < workload.images(); image++) {
            if (!workload.isSemverImage(image)) {
                fixed.add(image);
            }
        }
        while (samples.size() < count) {
            int image = fixed.get((registryPush * 37) % fixed.size());
            String tag = Workload.TAGS.get(registryPush % Workload.TAGS.size());
            registryPush++;
            List<String> expected = new ArrayList<>();
            for (int j = image; j < workload.trackers(); j += workload.images()) {
                if (workload.policy(j).equals("tag: \"" + tag + "\"")) {
                    expected.add(trackers.get(j).id() + "#" + nextRelease(trackers.get(j).id().toString()));
                }
            }
            publisher.tag(Workload.imageRepository(image), tag, ++generation);
            long pushed = System.nanoTime();
            try {
                samples.add(awaitAll(expected, pushed, Duration.ofSeconds(30),
                        "registry push of " + Workload.imageRepository(image) + ":" + tag));
            } catch (IllegalStateException e) {
                registryMissed++;
                System.out.println("    missed: " + e.getMessage());
            }
        }
        return samples.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * {@code count} signed push webhooks, each for a commit that points one tracker's file at another tag of its image,
     * timed from the webhook's send until the tracker's release is queued.
     */
    long[] gitHubPushes(int count) throws Exception {
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            // a tracker not changed before (warm-up included), so every push moves its file to another tag
            while (Workload.branch(nextGitHubTracker) != null
                    || workload.isSemverImage(workload.imageOf(nextGitHubTracker))) {
                nextGitHubTracker++;
            }
            int tracker = nextGitHubTracker++;
            String current = workload.policy(tracker);
            String tag = Workload.TAGS.stream().filter(t -> !current.contains("\"" + t + "\"")).findFirst().orElseThrow();
            gitHub.changePolicy(tracker, "tag: \"" + tag + "\"");
            String id = trackers.get(tracker).id().toString();
            List<String> expected = List.of(id + "#" + nextRelease(id));
            byte[] body = pushPayload(Workload.repo(tracker));
            HttpRequest request = HttpRequest.newBuilder(serve.baseUri().resolve("/webhooks/github"))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", Secrets.signature(Secret.of(SECRET), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long sent = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("the push webhook answered " + r.statusCode() + " " + r.body());
            }
            samples[i] = awaitAll(expected, sent, Duration.ofSeconds(60), "GitHub push of " + Workload.repo(tracker));
        }
        return samples;
    }

    /** The release the next change of {@code tracker} makes: one more than those handed out so far. */
    private int nextRelease(String tracker) {
        int n = 1;
        while (queued.containsKey(tracker + "#" + n)) {
            n++;
        }
        return n;
    }

    private long awaitAll(List<String> expected, long from, Duration wait, String what) throws InterruptedException {
        long deadline = from + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (expected.stream().allMatch(queued::containsKey)) {
                return expected.stream().mapToLong(queued::get).max().orElseThrow() - from;
            }
            Thread.sleep(1);
        }
        synchronized (recentWebhookLines) {
            recentWebhookLines.forEach(l -> System.out.println("    serve (recent): " + l));
        }
        throw new IllegalStateException("no release queued within " + wait.toSeconds() + " s after the " + what + ": expected " + expected
                + "; queued for them: " + expected.stream().map(e -> e.substring(0, e.indexOf('#')))
                .map(t -> t + " " + queued.keySet().stream().filter(k -> k.startsWith(t + "#")).sorted().toList())
                .toList());
    }

    private static byte[] pushPayload(String repo) {
        String sha = GitHubStandIn.sha1(repo + UUID.randomUUID());
        return ("{\"ref\":\"refs/heads/main\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\"" + sha + "\","
                + "\"repository\":{\"id\":1,\"name\":\"" + repo.substring(repo.indexOf('/') + 1) + "\",\"full_name\":\""
                + repo + "\",\"private\":true,\"default_branch\":\"main\",\"master_branch\":\"main\"},"
                + "\"pusher\":{\"name\":\"bench\"},\"created\":false,\"deleted\":false,\"forced\":false,"
                + "\"commits\":[{\"id\":\"" + sha + "\",\"modified\":[\"fathomable.yaml\"]}],"
                + "\"head_commit\":{\"id\":\"" + sha + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code median 123 ms, p90 ..., p99 ..., max ... (n samples)}. */
    static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples)",
                percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    @Override
    public void close() throws Exception {
        try {
            serve.close();
        } finally {
            try {
                registry.close();
            } finally {
                gitHub.close();
            }
        }
    }
}
