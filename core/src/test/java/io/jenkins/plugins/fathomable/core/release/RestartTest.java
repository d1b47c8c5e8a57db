package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.release.Harness.ID;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new engine on the same store directory carries on exactly where the old one stopped. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void aNewEngineContinuesWhereTheOldOneStopped() {
        Instant monday = Instant.parse("2026-11-23T08:00:00Z");
        Harness before = new Harness(dir, PromotionTest.gatedFlow(), monday);
        before.ingest(1, image("1.4.2", 1));
        before.deploy(1, "dev");
        before.configChanged(2);
        before.clock.advance(Duration.ofHours(1));
        before.engine.reconcile();
        DeploymentRequest ha = before.expectRequest(1, "ha");
        before.engine.approve(ID, 1, "prod", "alice");
        TrackerStatus statusBefore = before.engine.status(ID);
        var recordBefore = before.store.get(ID).orElseThrow();

        // "Restart": a new store and engine on the same directory, same moment.
        Harness after = new Harness(dir, PromotionTest.gatedFlow(), before.clock.instant());
        assertThat(after.store.get(ID)).contains(recordBefore);
        assertThat(after.engine.status(ID)).isEqualTo(statusBefore);
        assertThat(after.state().pendingConfig()).isEqualTo(before.state().pendingConfig());
        // The ha deployment is still in progress: reconciling does not hand it out again.
        after.engine.reconcile();
        after.expectNoRequest();
        assertThat(after.engine.inProgress()).extracting(DeploymentRequest::id).containsExactly(ha.id());

        // The executor reports the outcome of the old engine's hand-out to the new engine.
        after.ready(ha);
        after.clock.set(Instant.parse("2026-11-24T08:00:00Z"));
        after.engine.reconcile();
        after.deploy(1, "preprod");
        after.clock.set(Instant.parse("2026-11-26T09:00:00Z"));
        after.engine.reconcile();
        after.deploy(1, "prod");
        assertThat(after.release(1).status()).isEqualTo(ReleaseStatus.COMPLETED);

        // The pending config survived too: the next image change takes it.
        after.imageUpdated(image("1.4.2", 2));
        DeploymentRequest next = after.expectRequest(2, "dev");
        assertThat(next.release().config()).isEqualTo(io.jenkins.plugins.fathomable.core.testing.Fixtures.config(2));
        assertThat(next.id().sequence()).isEqualTo(5);
        before.expectNoRequest();
    }
}
