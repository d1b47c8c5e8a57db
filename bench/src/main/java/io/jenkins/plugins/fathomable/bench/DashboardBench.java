package io.jenkins.plugins.fathomable.bench;

import io.jenkins.plugins.fathomable.core.dashboard.Dashboard;
import io.jenkins.plugins.fathomable.core.dashboard.GitHubWeb;
import io.jenkins.plugins.fathomable.core.dashboard.Overview;
import io.jenkins.plugins.fathomable.core.dashboard.OverviewQuery;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.testing.DashboardWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How long the release dashboard takes to make one page of 100 rows out of 10,000 trackers, on the server: core's
 * {@link Dashboard} (the content both hosts show) in process, and {@code serve}'s page over real HTTP
 * ({@link ServePages}). Run: {@code java -cp bench/target/fathomable-bench.jar
 * io.jenkins.plugins.fathomable.bench.DashboardBench [--trackers=10000] [--runs=50]} (see docs/performance.md).
 */
public final class DashboardBench {

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int trackers = Integer.parseInt(options.getOrDefault("trackers", "10000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "50"));
        // tmpfs when there is one: making the trackers writes each file many times, and the measured reads come from
        // the store's memory either way
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "fathomable-dashboard-bench")
                : Files.createTempDirectory("fathomable-dashboard-bench");
        try {
            Path storeDir = dir.resolve("trackers");
            long start = System.nanoTime();
            FileTrackerStore store = new FileTrackerStore(storeDir);
            new DashboardWorkload(store, store).create(trackers);
            System.out.printf("dashboard: %,d trackers made by the release engine in %.1f s (%,d files)%n", trackers,
                    (System.nanoTime() - start) / 1e9, store.ids().size());
            Clock clock = Clock.fixed(DashboardWorkload.NOW, ZoneOffset.UTC);
            ReleaseEngine releases = new ReleaseEngine(store, DashboardWorkload.flow(), request -> {
                throw new IllegalStateException("the benchmark deploys nothing");
            }, clock);
            Dashboard dashboard = new Dashboard(store, releases, List::of, GitHubWeb.forApi(null), clock);
            Map<String, OverviewQuery> queries = new LinkedHashMap<>();
            queries.put("page 1, no filter", query(Map.of("size", "100")));
            queries.put("page 50, no filter", query(Map.of("size", "100", "page", "50")));
            queries.put("text 'app-0'", query(Map.of("size", "100", "q", "app-0")));
            queries.put("group team-042", query(Map.of("size", "100", "group", "team-042")));
            queries.put("state failed (status of all)", query(Map.of("size", "100", "state", "failed")));
            queries.put("state approval (status of all)", query(Map.of("size", "100", "state", "approval")));
            System.out.println("core Dashboard.overview, in process, one thread (ms per page: median / 95th / max):");
            for (Map.Entry<String, OverviewQuery> q : queries.entrySet()) {
                Overview[] last = new Overview[1];
                double[] ms = time(runs, () -> last[0] = dashboard.overview(q.getValue()));
                System.out.printf(Locale.ROOT, "  %-32s %3d rows of %,6d matching: %s%n", q.getKey(),
                        last[0].rows().size(), last[0].matching(), stats(ms));
            }
            ServePages.measure(dir, runs);
        } finally {
            RegistryData.deleteTree(dir);
        }
    }

    private static OverviewQuery query(Map<String, String> params) {
        return OverviewQuery.parse(params::get);
    }

    /** Milliseconds of each of {@code runs} calls, after as many warm-up calls. */
    static double[] time(int runs, Supplier<?> call) {
        for (int i = 0; i < runs; i++) {
            call.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    static String stats(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%6.1f / %6.1f / %6.1f", s[s.length / 2], s[(int) Math.ceil(s.length * 0.95) - 1],
                s[s.length - 1]);
    }
}
