package io.jenkins.plugins.fathomable.core.store;

import static io.jenkins.plugins.fathomable.core.testing.Fixtures.tracker;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads updating the same and different trackers: every update is kept, in memory and on disk. */
class StoreConcurrencyTest {

    private static final int THREADS = 12;
    private static final int UPDATES = 60;
    private static final List<TrackerId> TRACKERS = List.of(TrackerId.parse("shop.payments"),
            TrackerId.parse("shop.orders"), TrackerId.parse("shop.search"));

    @TempDir
    Path dir;

    @Test
    void noUpdateIsLost() throws Exception {
        FileTrackerStore store = new FileTrackerStore(dir);
        TRACKERS.forEach(id -> store.create(TrackerRecord.of(tracker(id.toString()))));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < UPDATES; i++) {
                    // Half the threads hammer one tracker, the others spread over all of them.
                    TrackerId id = thread % 2 == 0 ? TRACKERS.get(0) : TRACKERS.get(i % TRACKERS.size());
                    String mark = thread + ":" + i;
                    store.update(id, r -> {
                        List<HistoryEntry> h = new ArrayList<>(r.history());
                        h.add(new HistoryEntry(Instant.EPOCH, "thread", "count", h.size(), null, null, null, mark, null));
                        return r.withHistory(h);
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        int evenThreads = (THREADS + 1) / 2;
        int oddThreads = THREADS / 2;
        int perOther = UPDATES / TRACKERS.size();
        int expectedPayments = evenThreads * UPDATES + oddThreads * perOther;
        for (FileTrackerStore s : List.of(store, new FileTrackerStore(dir))) {
            List<HistoryEntry> payments = s.get(TRACKERS.get(0)).orElseThrow().history();
            assertThat(payments).hasSize(expectedPayments);
            // Each update saw the one before it: the counters run 0, 1, 2... without gaps or repeats.
            assertThat(payments).extracting(HistoryEntry::release)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, expectedPayments).boxed().toList());
            assertThat(s.get(TRACKERS.get(1)).orElseThrow().history()).hasSize(oddThreads * perOther);
            assertThat(s.get(TRACKERS.get(2)).orElseThrow().history()).hasSize(oddThreads * perOther);
        }
    }
}
