package io.jenkins.plugins.fathomable.core.store;

import static io.jenkins.plugins.fathomable.core.testing.Fixtures.tracker;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link StoreCrashTest}: updates trackers in a loop and prints {@code ack <tracker> <seq>}
 * only after {@code update} returned, until it is killed.
 */
public final class CrashWriter {

    static final int BIG_BYTES = 260_000;
    static final List<String> TRACKERS = List.of("crash.alpha", "crash.beta", "crash.gamma");

    private CrashWriter() {}

    public static void main(String[] args) {
        FileTrackerStore store = new FileTrackerStore(Path.of(args[0]));
        long seq = Long.parseLong(args[1]);
        for (String id : TRACKERS) {
            if (store.get(TrackerId.parse(id)).isEmpty()) {
                // A large record makes each write take a while, so kills often land in the middle of one.
                String big = "# padding\n".repeat(BIG_BYTES / 10);
                ConfigRevision config = new ConfigRevision("c".repeat(40), "b".repeat(40), big);
                store.create(TrackerRecord.of(tracker(id)).withObservation(new TrackerObservation(Instant.now(),
                        config.commitSha(), config, null, TrackerObservation.Status.OK, null)));
            }
        }
        PrintStream out = System.out;
        out.println("ready");
        out.flush();
        while (true) {
            String id = TRACKERS.get((int) (seq % TRACKERS.size()));
            String mark = Long.toString(seq);
            store.update(TrackerId.parse(id), r -> {
                List<HistoryEntry> h = new ArrayList<>(r.history());
                h.add(new HistoryEntry(Instant.now(), "crash-writer", "count", null, null, null, null, mark, null));
                return r.withHistory(h);
            });
            out.println("ack " + id + " " + seq);
            out.flush();
            seq++;
        }
    }
}
