package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.InMemoryObservationStore;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Runs core's real {@link PollCycle} over the workload and prints one row per cycle: GitHub requests by kind and
 * GraphQL points as the engine counted them and as the stand-in served them, the most REST and GraphQL requests in
 * any minute, registry requests (engine and access log) per distinct tag, events, trackers left for the next cycle,
 * engine CPU and retained heap per tracker. Every tracker reads GitHub with one token, through credentials ids of
 * its own or a shared one, under GitHub's default request budget ({@link GitHubLimits#DEFAULT}).
 */
final class CycleBench implements AutoCloseable {

    /** As {@code serve}'s default poll interval: how long a cycle may wait for GitHub request budget. */
    static final Duration ALLOWANCE = Duration.ofMinutes(1);
    private static final String TOKEN = "ghp_" + "BenchmarkTokenNotASecret000000000000";

    private final LocalRegistry registry;
    private final GitHubStandIn gitHub;
    private final Path gitHubCache;
    private final RequestCounter counter = new RequestCounter();
    private final InMemoryObservationStore store = new InMemoryObservationStore();
    private final ExecutorService executor;
    private final RegistryClient client;
    private final Clock clock = Clock.systemUTC();
    private final CredentialsPort credentials = id -> Optional.of(new Credential.Token(Secret.of(TOKEN)));
    private PollCycle cycle;
    private final long baselineHeap;
    private final List<Tracker> trackers;

    CycleBench(Workload workload, LocalRegistry registry, GitHubStandIn gitHub, Path gitHubCache, int threads,
            int registryConcurrency) {
        this.registry = registry;
        this.gitHub = gitHub;
        this.gitHubCache = gitHubCache;
        executor = Executors.newFixedThreadPool(threads);
        // The default limits (4 in flight, 10 requests/s) are polite to public registries; a registry of your own
        // is configured with its own limits, as here.
        RegistryConfig config = RegistryConfig.anonymous().with(new RegistryConfig.Registry(registry.host(), null, false,
                new RegistryConfig.Limits(registryConcurrency, 1_000_000, 3, Duration.ofMillis(200), Duration.ofSeconds(5))));
        client = new RegistryClient(HttpClient.newHttpClient(), config, CredentialsPort.none(), counter, clock,
                Sleeper.system());
        cycle = newCycle();
        baselineHeap = Heap.retained();
        trackers = workload.buildTrackers();
    }

    private PollCycle newCycle() {
        GitHubReader reader = new GitHubReader(gitHub.apiUrl(), credentials, Proxies.system(), GitHubLimits.DEFAULT,
                gitHubCache, counter, clock, Sleeper.system());
        return new PollCycle(() -> trackers, store, reader, client, new YamlImagePolicyReader(), clock, executor);
    }

    /** A restart: a new poll cycle and GitHub reader, nothing in memory but the stored observations. */
    void restart() {
        cycle = newCycle();
    }

    List<Tracker> trackers() {
        return trackers;
    }

    InMemoryObservationStore store() {
        return store;
    }

    static void header() {
        System.out.println();
        System.out.printf("%-18s %6s %15s | %5s %4s %5s %5s %4s %4s | %5s %5s %5s %5s | %5s %5s | %5s %4s %4s %4s %4s |"
                        + " %5s %4s %4s | %5s %5s %5s | %5s %5s %5s | %6s%n",
                "cycle", "wall s", "cpu s eng/gh/reg", "gql", "pts", "read", "r304", "r200", "gErr",
                "sGql", "sPts", "sRead", "sRest", "pkRst", "pkGql",
                "HEAD", "GETm", "blob", "tags", "tokn", "sHEAD", "sTag", "sBlb",
                "dTags", "rg/tg", "HD/tg", "evnts", "errs", "later", "B/trkr");
    }

    /**
     * Runs one cycle (waiting up to {@link #ALLOWANCE} for GitHub budget), prints its row, and returns how many
     * trackers it left for the next cycle.
     */
    int run(String label) throws Exception {
        long registryMark = registry.mark();
        Map<String, Long> gitHubBefore = gitHub.served();
        gitHub.resetPeaks();
        long start = System.nanoTime();
        CpuTime cpuBefore = CpuTime.now(registry.pid());
        CycleReport report = cycle.run(ALLOWANCE);
        double wall = (System.nanoTime() - start) / 1e9;
        CpuTime cpu = CpuTime.now(registry.pid()).minus(cpuBefore);
        Map<String, Long> server = registry.countSince(registryMark);
        Map<String, Long> gitHubAfter = gitHub.served();
        long distinctTags = distinctTags();
        Map<RequestKind, Long> requests = report.requests();
        long registryRequests = requests.get(RequestKind.HEAD_MANIFEST) + requests.get(RequestKind.GET_MANIFEST)
                + requests.get(RequestKind.TAGS_LIST) + requests.get(RequestKind.BLOB) + requests.get(RequestKind.TOKEN);
        Map<String, Long> events = report.events().stream()
                .collect(Collectors.groupingBy(e -> e.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
        int errors = report.errors().size();
        String firstError = errors == 0 ? null : report.errors().get(0).tracker() + ": " + report.errors().get(0).message();
        int deferred = report.deferred();
        report = null; // the report holds every event of the cycle; measure what the engine keeps, not it
        long perTracker = (Heap.retained() - baselineHeap) / trackers.size();
        long graphQl = requests.get(RequestKind.GITHUB_GRAPHQL);
        System.out.printf("%-18s %6.1f %15s | %5d %4d %5d %5d %4d %4d | %5d %5d %5d %5d | %5d %5d | %5d %4d %4d %4d %4d |"
                        + " %5d %4d %4d | %5d %5.2f %5.2f | %5d %5d %5d | %6d%n",
                label, wall, String.format("%.1f/%.1f/%.1f", cpu.engine(), cpu.gitHubStandIn(), cpu.registry()),
                graphQl, graphQl, requests.get(RequestKind.GITHUB_CONTENTS), requests.get(RequestKind.GITHUB_304),
                requests.get(RequestKind.GITHUB_200), requests.get(RequestKind.GITHUB_ERROR),
                diff(gitHubAfter, gitHubBefore, "graphql"), diff(gitHubAfter, gitHubBefore, "points"),
                diff(gitHubAfter, gitHubBefore, "contents"),
                diff(gitHubAfter, gitHubBefore, "200") + diff(gitHubAfter, gitHubBefore, "304"),
                gitHub.restPeakPerMinute(), gitHub.graphQlPeakPerMinute(),
                requests.get(RequestKind.HEAD_MANIFEST), requests.get(RequestKind.GET_MANIFEST),
                requests.get(RequestKind.BLOB), requests.get(RequestKind.TAGS_LIST), requests.get(RequestKind.TOKEN),
                server.getOrDefault("HEAD manifest", 0L), server.getOrDefault("tags/list", 0L),
                server.getOrDefault("blob", 0L) + server.getOrDefault("GET manifest", 0L),
                distinctTags, (double) registryRequests / distinctTags,
                (double) requests.get(RequestKind.HEAD_MANIFEST) / distinctTags,
                events.values().stream().mapToLong(Long::longValue).sum(), errors, deferred, perTracker);
        if (!events.isEmpty()) {
            System.out.println("    events: " + events);
        }
        if (firstError != null) {
            System.out.println("    first error: " + firstError);
        }
        long other = server.getOrDefault("other", 0L) + server.getOrDefault("PUT manifest", 0L);
        if (other > 0 || gitHubAfter.get("other") > gitHubBefore.get("other")) {
            System.out.println("    other requests: registry " + server + ", GitHub " + gitHubAfter);
        }
        return deferred;
    }

    private static long diff(Map<String, Long> after, Map<String, Long> before, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    /** Distinct (repository, tag) pairs the trackers resolved to: the physical minimum of HEADs per cycle. */
    private long distinctTags() {
        Set<String> tags = new HashSet<>();
        for (TrackerObservation observation : store.all().values()) {
            ImageVersion image = observation.image();
            if (image != null) {
                tags.add(image.repository() + ":" + image.tag());
            }
        }
        return Math.max(1, tags.size());
    }

    /**
     * Drops the poll cycle (its GitHub reader and governors, per-tracker parse memory, locks) and reports what the
     * trackers and their observations alone retain, in bytes per tracker.
     */
    long modelBytesPerTracker() {
        cycle = null;
        executor.shutdownNow();
        return (Heap.retained() - baselineHeap) / trackers.size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
