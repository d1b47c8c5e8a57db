package io.jenkins.plugins.fathomable.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that is writing to the store with {@code kill -9} (destroyForcibly) at random points, several times
 * over the same directory: the store must always load, and every update the child acknowledged must be there.
 */
class StoreCrashTest {

    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void acknowledgedUpdatesSurviveKillNine() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, List<Long>> acked = new HashMap<>();
        long next = 0;
        int roundsWithHalfWrittenFile = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 1 + random.nextInt(150);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(),
                    Long.toString(next))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int seen = 0;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("child start (seed %d)", seed).isEqualTo("ready");
                String line;
                while ((line = out.readLine()) != null) {
                    String[] ack = line.split(" ");
                    assertThat(ack[0]).isEqualTo("ack");
                    acked.computeIfAbsent(ack[1], k -> new ArrayList<>()).add(Long.parseLong(ack[2]));
                    next = Math.max(next, Long.parseLong(ack[2]) + 1);
                    if (++seen == killAfter) {
                        // A random pause spreads the kill over every phase of the child's next write.
                        Thread.sleep(random.nextInt(30));
                        // SIGKILL, as Process.destroyForcibly() sends, but through the handle: Process's own
                        // method also closes our end of the pipe, losing acknowledgements still in it.
                        child.toHandle().destroyForcibly();
                    }
                    // Lines printed before the kill landed are acknowledgements too: read them all.
                }
            }
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(seen).as("acks in round %d (seed %d); the child died early?", round, seed)
                    .isGreaterThanOrEqualTo(killAfter);
            if (hasTempFile()) {
                roundsWithHalfWrittenFile++;
            }

            FileTrackerStore store = new FileTrackerStore(dir);
            assertThat(hasTempFile()).as("leftover temp files are cleaned on open").isFalse();
            for (String id : CrashWriter.TRACKERS) {
                List<Long> stored = store.get(TrackerId.parse(id)).orElseThrow().history().stream()
                        .map(HistoryEntry::detail).map(Long::parseLong).toList();
                assertThat(stored).as("%s after round %d (seed %d)", id, round, seed)
                        .containsAll(acked.getOrDefault(id, List.of()))
                        .doesNotHaveDuplicates()
                        .isSorted();
                assertThat(store.get(TrackerId.parse(id)).orElseThrow().observation().config().content())
                        .hasSize(CrashWriter.BIG_BYTES);
                // The child may have written one update it never got to acknowledge; the next round starts after it.
                next = Math.max(next, stored.isEmpty() ? 0 : stored.get(stored.size() - 1) + 1);
            }
        }
        System.out.printf("crash test: seed %d, %d of %d kills left a half-written temporary file%n", seed,
                roundsWithHalfWrittenFile, ROUNDS);
    }

    private boolean hasTempFile() throws Exception {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }
}
