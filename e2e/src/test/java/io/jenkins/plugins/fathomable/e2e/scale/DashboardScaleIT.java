package io.jenkins.plugins.fathomable.e2e.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.testing.DashboardWorkload;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.RealJenkins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A measurement, not a test of speed: Manage Jenkins » Fathomable with 10,000 trackers (made by the real release
 * engine, {@link DashboardWorkload}, in the states a controller has), how long the real Jenkins takes to answer a page
 * of 100 rows (model and Jelly, as an administrator with an API token, on 127.0.0.1). Runs only when asked, after the
 * first poll pass has read every tracker:
 * <pre>
 * mvn -B -ntp verify -pl e2e -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DashboardScaleIT -Dfailsafe.failIfNoSpecifiedTests=false -Dfathomable.e2e.scale=true
 * </pre>
 * The figures go to the console and {@code target/e2e/scale/dashboard-times.txt} (docs/performance.md).
 */
@Order(90)
@EnabledIfSystemProperty(named = "fathomable.e2e.scale", matches = "true")
class DashboardScaleIT {

    static final int TRACKERS = Integer.getInteger("fathomable.e2e.scale.trackers", 10_000);
    static final int RUNS = 20;

    @RegisterExtension
    static final JenkinsGroup GROUP = JenkinsGroup.of("scale", b -> JenkinsGroup.secured(trackers(b))
            .javaOpts("-Xmx2g -XX:+UseSerialGC" + System.getProperty("fathomable.e2e.scale.javaOpts", ""))
            .casc("fathomable.yaml", """
                    unclassified:
                      fathomable:
                        pollIntervalMinutes: 1440
                        # nothing listens there: every tracker's read fails at once, and the page says so
                        githubApiUrl: "http://127.0.0.1:9"
                        environments:
                          - {name: dev, order: 10, namespace: shop-dev, inCluster: true}
                          - {name: ha, order: 20, namespace: shop-ha, inCluster: true}
                          - {name: preprod, order: 30, namespace: shop-preprod, inCluster: true}
                          - name: prod
                            order: 40
                            namespace: shop-prod
                            inCluster: true
                            approvalRequired: true
                            windowCron: "0 9 * * 1-5"
                            windowTimeZone: Europe/Berlin
                            windowMinutes: 480
                    """))
            .tolerate("has no release run; reporting it failed", "the workload leaves deployments running that no"
                    + " Jenkins ever ran: the first engine build settles them as failed, one warning each");

    /** The workload, made on tmpfs when there is one (it writes each file many times), copied into the home. */
    static RealJenkins.Builder trackers(RealJenkins.Builder b) {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "fathomable-scale")
                    : Files.createTempDirectory("fathomable-scale");
            long start = System.nanoTime();
            FileTrackerStore store = new FileTrackerStore(dir.resolve("trackers"));
            new DashboardWorkload(store, store).create(TRACKERS);
            System.out.printf(Locale.ROOT, "e2e: [scale] %,d trackers made in %.1f s%n", TRACKERS,
                    (System.nanoTime() - start) / 1e9);
            // The workload's deployments in progress and releases on their way would become thousands of Pipeline
            // runs at once on start (runs the test has no cluster for). Jenkins prepares for shutdown from its first
            // moment, so the runs stay in the queue and the measurement times the page, not those runs.
            Path init = Files.createDirectories(dir.resolve("init.groovy.d"));
            Files.writeString(init.resolve("quiet-down.groovy"), "jenkins.model.Jenkins.get().doQuietDown()\n");
            return b.homeTree("fathomable/trackers", dir.resolve("trackers")).homeTree("init.groovy.d", init);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPageOf100RowsOutOf10000Trackers() throws Exception {
        JenkinsClient admin = GROUP.admin();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        // after the first pass (every tracker read once) the page shows what an admin sees on a live controller
        while (admin.get("manage/fathomable/?state=new&size=25").text().contains("data-tracker=")) {
            assertThat(System.nanoTime()).as("the first poll pass over %d trackers ended", TRACKERS).isLessThan(deadline);
            Thread.sleep(5_000);
        }
        // Jenkins' start-up (its first poll pass, the jobs of the queued release runs) is over before a page is timed
        long settling = System.nanoTime();
        double busy = MachineLoad.waitUntilQuiet(0.25, Duration.ofSeconds(5), Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "e2e: [scale] waited %.0f s for the machine to settle (%.0f%% busy)%n",
                (System.nanoTime() - settling) / 1e9, busy * 100);
        MachineLoad during = MachineLoad.start();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("overview, page 1", "manage/fathomable/?size=100");
        pages.put("overview, page 50", "manage/fathomable/?size=100&page=50");
        pages.put("overview, state failed", "manage/fathomable/?size=100&state=failed");
        pages.put("overview, state approval", "manage/fathomable/?size=100&state=approval");
        pages.put("tracker page", "manage/fathomable/tracker/" + DashboardWorkload.id(45) + "/");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Manage Jenkins » Fathomable, %,d trackers, %d runs after %d warm-up"
                + " (ms: median / 95th / max):", TRACKERS, RUNS, RUNS));
        for (Map.Entry<String, String> page : pages.entrySet()) {
            JenkinsClient.Response last = null;
            double[] ms = new double[RUNS];
            for (int i = 0; i < 2 * RUNS; i++) {
                long t = System.nanoTime();
                last = admin.get(page.getValue());
                if (i >= RUNS) {
                    ms[i - RUNS] = (System.nanoTime() - t) / 1e6;
                }
            }
            assertThat(last.status()).as(page.getKey()).isEqualTo(200);
            int rows = last.html().select("#fathomable-overview tbody tr").size();
            if (page.getKey().startsWith("overview")) {
                assertThat(rows).as(page.getKey()).isEqualTo(100);
            }
            Files.writeString(GROUP.jenkins().workDir().resolve(page.getKey().replaceAll("[^a-z0-9]+", "-") + ".html"),
                    last.text(), StandardCharsets.UTF_8);
            Arrays.sort(ms);
            lines.add(String.format(Locale.ROOT, "  %-26s %3d rows, %,8d bytes: %6.1f / %6.1f / %6.1f", page.getKey(),
                    rows, last.body().length, ms[RUNS / 2], ms[(int) Math.ceil(RUNS * 0.95) - 1], ms[RUNS - 1]));
        }
        lines.add(String.format(Locale.ROOT, "  (the machine's %d cores were %.0f%% busy while they were timed)",
                Runtime.getRuntime().availableProcessors(), during.busySince() * 100));
        lines.forEach(l -> System.out.println("e2e: [scale] " + l));
        Files.write(GROUP.jenkins().workDir().resolve("dashboard-times.txt"), lines, StandardCharsets.UTF_8);
    }
}
