package io.jenkins.plugins.fathomable.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark of issue 9 (docs/performance.md): a real registry and a GitHub stand-in on 127.0.0.1, core's poll
 * cycle over thousands of trackers (cold, unchanged, after a 1% change), then rendering and the REST handler.
 * Then the webhook latency of issue 15 ({@link LatencyBench}). Options: {@code --trackers=10000 --images=2000
 * --unchanged=2 --threads=32 --registry-concurrency=16 --seconds=5 --pushes=200 --cache=~/.cache/fathomable-bench
 * --only=cycles|latency} (both by default).
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        // github-api logs retries of the anonymous REST path; the benchmark's trackers all have a token
        java.util.logging.Logger.getLogger("org.kohsuke.github").setLevel(java.util.logging.Level.WARNING);
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int trackers = Integer.parseInt(options.getOrDefault("trackers", "10000"));
        int images = Integer.parseInt(options.getOrDefault("images", "2000"));
        int unchanged = Integer.parseInt(options.getOrDefault("unchanged", "2"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "32"));
        int registryConcurrency = Integer.parseInt(options.getOrDefault("registry-concurrency", "16"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "5"));
        Path cache = Path.of(options.getOrDefault("cache", System.getProperty("user.home") + "/.cache/fathomable-bench"));
        int pushes = Integer.parseInt(options.getOrDefault("pushes", "200"));
        String only = options.getOrDefault("only", "");
        Workload workload = new Workload(images, trackers);

        System.out.printf("Fathomable benchmark: %d trackers over %d images (%d tags each), %d poll threads, registry"
                + " concurrency %d; %d processors, max heap %d MB, Java %s%n", trackers, images, Workload.TAGS.size(),
                threads, registryConcurrency, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        Path runDir = Files.createTempDirectory("fathomable-bench");
        try {
            if (!only.equals("latency")) {
                cyclesRenderAndApi(workload, cache, runDir, threads, registryConcurrency, unchanged, seconds);
            }
            if (!only.equals("cycles")) {
                latency(workload, cache, runDir.resolve("latency"), pushes);
            }
        } finally {
            RegistryData.deleteTree(runDir);
        }
    }

    private static void latency(Workload workload, Path cache, Path runDir, int pushes) throws Exception {
        System.out.println();
        System.out.printf("webhook latency: %d trackers loaded in fathomable serve; %d registry pushes, %d GitHub push"
                + " webhooks%n", workload.trackers(), pushes, pushes);
        Files.createDirectories(runDir);
        Path storage = new RegistryData(workload, cache, 16).prepare(runDir);
        try (LatencyBench bench = new LatencyBench(workload, storage, runDir)) {
            bench.ingest();
            bench.registryPushes(Math.min(20, pushes)); // warm-up, not counted
            int missedInWarmUp = bench.registryMissed;
            long[] registry = bench.registryPushes(pushes);
            System.out.println("registry push -> release queued in dev:     " + LatencyBench.summary(registry)
                    + "; " + (bench.registryMissed - missedInWarmUp) + " more pushes got no release from their"
                    + " notification");
            bench.gitHubPushes(Math.min(20, pushes)); // warm-up, not counted
            long[] gitHub = bench.gitHubPushes(pushes);
            System.out.println("GitHub push webhook -> release queued in dev: " + LatencyBench.summary(gitHub));
        }
    }

    private static void cyclesRenderAndApi(Workload workload, Path cache, Path runDir, int threads,
            int registryConcurrency, int unchanged, double seconds) throws Exception {
        Path storage = new RegistryData(workload, cache, 16).prepare(runDir);
        try {
            try (LocalRegistry registry = LocalRegistry.start(storage, runDir);
                    GitHubStandIn gitHub = new GitHubStandIn(workload, registry.host());
                    CycleBench cycles = new CycleBench(workload, registry, gitHub, runDir.resolve("github-cache"), threads,
                            registryConcurrency)) {
                pollCycles(workload, registry, gitHub, cycles, unchanged);
                System.out.println();
                RenderBench render = new RenderBench();
                System.out.printf("render, one thread, objects only:    apps %s%n", render.appsPerSecond(false, seconds));
                System.out.printf("render, one thread, objects + YAML:  apps %s%n", render.appsPerSecond(true, seconds));
                ApiBench api = new ApiBench(cycles.trackers(), cycles.store());
                int bytes = api.responseBytes();
                System.out.printf("REST GET /trackers/ (%d trackers, %,d bytes JSON), in-process handler, one thread: requests %s%n",
                        cycles.trackers().size(), bytes, api.requestsPerSecond(seconds));
                api = null;
                System.out.printf("retained heap of the trackers and observations alone (poll cycle and GitHub clients"
                        + " dropped): %d bytes per tracker%n", cycles.modelBytesPerTracker());
            }
        } finally {
            RegistryData.deleteTree(storage); // the latency part copies its own
        }
    }

    private static void pollCycles(Workload workload, LocalRegistry registry, GitHubStandIn gitHub, CycleBench cycles,
            int unchanged) throws Exception {
        CycleBench.header();
        // The first reads every file: about 900 a minute under GitHub's REST budget, so the cold start takes several
        // cycles, each carrying on where the last stopped.
        int cold = 1;
        while (cycles.run("cold " + cold) > 0 && cold < 40) {
            cold++;
        }
        for (int i = 1; i <= unchanged; i++) {
            cycles.run("unchanged " + i);
        }
        List<Integer> changedImages = new RegistryData(workload, null, 1).change(registry);
        int changedFiles = 0;
        for (int j = 50; j < workload.trackers(); j += 100) {
            gitHub.changeFile(j);
            changedFiles++;
        }
        System.out.printf("    -- changed %d images (pushes not counted below) and %d files%n", changedImages.size(), changedFiles);
        cycles.run("after 1% change");
        cycles.run("unchanged again");
        cycles.restart();
        System.out.println("    -- restart: a new poll cycle and GitHub reader over the same stored observations");
        cycles.run("after restart");
        cycles.run("unchanged again");
    }
}
