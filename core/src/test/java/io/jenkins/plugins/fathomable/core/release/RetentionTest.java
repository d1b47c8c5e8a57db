package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.release.Harness.ID;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tracker's file stays bounded: old finished releases and old history entries are dropped. */
class RetentionTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheNewestReleasesAndEveryReleaseAnEnvironmentStillNeeds() {
        Harness h = new Harness(dir, FlowConfig.defaults(), Instant.parse("2026-11-23T08:00:00Z"));
        h.ingest(1, image("1.4.2", 1));
        h.deploy(1, "dev");
        h.executor.drain();
        h.engine.hold(ID, "bob");
        int updates = 600;
        IntStream.rangeClosed(2, updates).forEach(i -> h.imageUpdated(image("1.4.2", i)));

        ReleaseState s = h.state();
        assertThat(s.lastRelease()).isEqualTo(updates);
        // release 1 is deployed in dev (and deploying in ha), so it stays; then the newest 50
        assertThat(s.releases()).extracting(Release::number).first().isEqualTo(1);
        assertThat(s.releases()).hasSize(1 + ReleaseLedger.KEEP_RELEASES);
        assertThat(s.releases()).last().satisfies(r -> assertThat(r.stage()).isEqualTo("QUEUED dev"));
        var history = h.engine.history(ID);
        assertThat(history).hasSize(ReleaseLedger.KEEP_HISTORY);
        assertThat(history.subList(history.size() - 2, history.size()))
                .extracting(HistoryEntry::action, HistoryEntry::release)
                .containsExactly(tuple("created", updates), tuple("superseded", updates - 1));
    }
}
