package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.poll.InMemoryObservationStore;
import io.jenkins.plugins.fathomable.core.poll.PollCycle;
import io.jenkins.plugins.fathomable.core.poll.YamlImagePolicyReader;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.RequestKind;
import io.jenkins.plugins.fathomable.core.source.github.CachingGitHubSourceFactory;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Runs core's real {@link PollCycle} over the workload and prints one row per cycle: engine-side counts (core's
 * {@link RequestCounter}) beside server-side counts (the registry's access log, the GitHub stand-in's own tally),
 * the ratio of registry requests to distinct tags, events, and retained heap per tracker.
 */
final class CycleBench implements AutoCloseable {

    private final Workload workload;
    private final LocalRegistry registry;
    private final GitHubStandIn gitHub;
    private final RequestCounter counter = new RequestCounter();
    private final InMemoryObservationStore store = new InMemoryObservationStore();
    private final ExecutorService executor;
    private PollCycle cycle;
    private final long baselineHeap;
    private List<Tracker> trackers;

    CycleBench(Workload workload, LocalRegistry registry, GitHubStandIn gitHub, Path gitHubCache, int threads,
            int registryConcurrency) {
        this.workload = workload;
        this.registry = registry;
        this.gitHub = gitHub;
        Clock clock = Clock.systemUTC();
        executor = Executors.newFixedThreadPool(threads);
        // The default limits (4 in flight, 10 requests/s) are polite to public registries; a registry of your own
        // is configured with its own limits, as here.
        RegistryConfig config = RegistryConfig.anonymous().with(new RegistryConfig.Registry(registry.host(), null, false,
                new RegistryConfig.Limits(registryConcurrency, 1_000_000, 3, Duration.ofMillis(200), Duration.ofSeconds(5))));
        RegistryClient client = new RegistryClient(HttpClient.newHttpClient(), config, CredentialsPort.none(), counter,
                clock, Sleeper.system());
        cycle = new PollCycle(() -> trackers, store,
                new CachingGitHubSourceFactory(gitHub.apiUrl(), CredentialsPort.none(), gitHubCache, counter, clock),
                client, new YamlImagePolicyReader(), clock, executor);
        baselineHeap = Heap.retained();
        trackers = workload.buildTrackers();
    }

    List<Tracker> trackers() {
        return trackers;
    }

    InMemoryObservationStore store() {
        return store;
    }

    static void header() {
        System.out.println();
        System.out.printf("%-22s %7s %15s | %6s %5s %5s %5s %5s %6s %6s %5s | %6s %5s %5s %5s | %6s %6s | %6s %7s %8s | %6s %6s | %8s%n",
                "cycle", "wall s", "cpu s eng/gh/reg", "HEAD", "GETm", "blob", "tags", "token", "gh200", "gh304", "ghErr",
                "sHEAD", "sGETm", "sTags", "sBlob", "sGh200", "sGh304",
                "dTags", "reg/tag", "HEAD/tag", "events", "errors", "B/trkr");
    }

    /** Runs one cycle and prints its row. */
    void run(String label) throws Exception {
        long registryMark = registry.mark();
        Map<String, Long> gitHubBefore = gitHub.served();
        long start = System.nanoTime();
        CpuTime cpuBefore = CpuTime.now(registry.pid());
        CycleReport report = cycle.run();
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
        report = null; // the report holds every event of the cycle; measure what the engine keeps, not it
        long perTracker = (Heap.retained() - baselineHeap) / trackers.size();
        System.out.printf("%-22s %7.2f %15s | %6d %5d %5d %5d %5d %6d %6d %5d | %6d %5d %5d %5d | %6d %6d | %6d %7.2f %8.2f | %6d %6d | %8d%n",
                label, wall, String.format("%.1f/%.1f/%.1f", cpu.engine(), cpu.gitHubStandIn(), cpu.registry()), requests.get(RequestKind.HEAD_MANIFEST), requests.get(RequestKind.GET_MANIFEST),
                requests.get(RequestKind.BLOB), requests.get(RequestKind.TAGS_LIST), requests.get(RequestKind.TOKEN),
                requests.get(RequestKind.GITHUB_200), requests.get(RequestKind.GITHUB_304), requests.get(RequestKind.GITHUB_ERROR),
                server.getOrDefault("HEAD manifest", 0L), server.getOrDefault("GET manifest", 0L),
                server.getOrDefault("tags/list", 0L), server.getOrDefault("blob", 0L),
                gitHubAfter.get("200") - gitHubBefore.get("200"), gitHubAfter.get("304") - gitHubBefore.get("304"),
                distinctTags, (double) registryRequests / distinctTags,
                (double) requests.get(RequestKind.HEAD_MANIFEST) / distinctTags,
                events.values().stream().mapToLong(Long::longValue).sum(), errors, perTracker);
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
        return tags.size();
    }

    /**
     * Drops the poll cycle (its GitHub clients and their response-cache index, per-tracker locks) and reports what
     * the trackers and their observations alone retain, in bytes per tracker.
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
