package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.release.Harness.ID;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.config;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's three scenarios and their combinations. */
class SeedRulesTest {

    @TempDir
    Path dir;

    Harness h;

    @BeforeEach
    void ingested() {
        h = new Harness(dir, FlowConfig.defaults(), Instant.parse("2026-11-23T08:00:00Z"));
        h.ingest(1, image("1.4.2", 1));
    }

    @Test
    void firstIngestReleasesCurrentImageAndConfigToTheFirstEnvironment() {
        DeploymentRequest r = h.expectRequest(1, "dev");
        assertThat(r.release().image()).isEqualTo(image("1.4.2", 1));
        assertThat(r.release().config()).isEqualTo(config(1));
        assertThat(r.release().origin()).isEqualTo("ingested");
        assertThat(r.target()).isEqualTo(new KubernetesTarget("default", "dev"));
        assertThat(r.kind()).isEqualTo(Deployment.Kind.PROMOTE);
        assertThat(r.id().toString()).isEqualTo("shop.payments/1");
        assertThat(h.release(1).stage()).isEqualTo("DEPLOYING dev");
    }

    @Test
    void scenario1ConfigChangeAloneMakesNoReleaseAndWaitsAsPending() {
        h.deploy(1, "dev");
        h.executor.drain();
        h.configChanged(2);

        assertThat(h.state().lastRelease()).isEqualTo(1);
        assertThat(h.state().pendingConfig()).isEqualTo(config(2));
        assertThat(h.engine.status(ID).pendingConfig()).isEqualTo(config(2));
        assertThat(h.env("dev").deployed().config()).isEqualTo(config(1));
        assertThat(h.engine.history(ID)).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("config-pending");
            assertThat(e.actor()).isEqualTo(ReleaseEngine.POLLER);
        });
        h.expectNoRequest();
    }

    @Test
    void scenario2SameTagNewDigestReleasesWithTheCurrentConfig() {
        h.deploy(1, "dev");
        h.executor.drain();
        h.imageUpdated(image("1.4.2", 2));

        DeploymentRequest r = h.expectRequest(2, "dev");
        assertThat(r.release().image()).isEqualTo(image("1.4.2", 2));
        assertThat(r.release().config()).isEqualTo(config(1));
        assertThat(r.release().origin()).isEqualTo("image-updated");
    }

    @Test
    void scenario3NewSemverTagReleasesWithTheCurrentConfig() {
        h.deploy(1, "dev");
        h.executor.drain();
        h.newImageVersion(image("1.5.0", 3));

        DeploymentRequest r = h.expectRequest(2, "dev");
        assertThat(r.release().image().tag()).isEqualTo("1.5.0");
        assertThat(r.release().config()).isEqualTo(config(1));
        assertThat(r.release().origin()).isEqualTo("new-image-version");
    }

    @Test
    void configChangeThenImageChangeMakesOneReleaseWithBoth() {
        h.deploy(1, "dev");
        h.executor.drain();
        h.configChanged(2);
        h.newImageVersion(image("1.5.0", 3));

        DeploymentRequest r = h.expectRequest(2, "dev");
        assertThat(r.release().image()).isEqualTo(image("1.5.0", 3));
        assertThat(r.release().config()).isEqualTo(config(2));
        assertThat(h.state().pendingConfig()).isNull();
        assertThat(h.state().currentConfig()).isEqualTo(config(2));
        assertThat(h.state().lastRelease()).isEqualTo(2);
    }

    @Test
    void twoConfigChangesThenOneImageChangeUseTheNewestConfig() {
        h.deploy(1, "dev");
        h.executor.drain();
        h.configChanged(2);
        h.configChanged(3);
        assertThat(h.state().lastRelease()).isEqualTo(1);
        h.imageUpdated(image("1.4.2", 4));

        DeploymentRequest r = h.expectRequest(2, "dev");
        assertThat(r.release().config()).isEqualTo(config(3));
        assertThat(h.state().releases()).hasSize(2);
    }

    @Test
    void configChangedBackToTheReleasedOneLeavesNothingPending() {
        h.configChanged(2);
        h.configChanged(1);
        assertThat(h.state().pendingConfig()).isNull();
        h.deploy(1, "dev");
        h.executor.drain();
        h.imageUpdated(image("1.4.2", 5));
        assertThat(h.expectRequest(2, "dev").release().config()).isEqualTo(config(1));
    }

    @Test
    void aReplayedEventMakesNoSecondRelease() {
        h.deploy(1, "dev");
        h.executor.drain();
        TrackerEvent update = new TrackerEvent.ImageUpdated(ID, h.clock.instant(), image("1.4.2", 1), image("1.4.2", 2));
        h.engine.onEvent(update);
        h.engine.onEvent(update);
        h.engine.onEvent(new TrackerEvent.Ingested(ID, h.clock.instant(), config(1), image("1.4.2", 2)));

        assertThat(h.state().lastRelease()).isEqualTo(2);
        h.expectRequest(2, "dev");
    }

    @Test
    void anImageChangeBeforeAnyConfigIsRecordedAndIgnored(@TempDir Path other) {
        Harness fresh = new Harness(other, FlowConfig.defaults(), Instant.parse("2026-11-23T08:00:00Z"));
        fresh.imageUpdated(image("1.4.2", 9));

        assertThat(fresh.state().lastRelease()).isZero();
        assertThat(fresh.engine.history(ID)).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("ignored"));
        fresh.expectNoRequest();
    }

    @Test
    void aNewerReleaseWaitingForABusyFirstEnvironmentSupersedesAnOlderOne() {
        // release 1 is deploying in dev; 2 and 3 arrive meanwhile
        h.imageUpdated(image("1.4.2", 2));
        h.imageUpdated(image("1.4.2", 3));
        assertThat(h.release(2).status()).isEqualTo(ReleaseStatus.SUPERSEDED);
        assertThat(h.release(2).reason()).isEqualTo("superseded by release 3");
        assertThat(h.env("dev").queued().number()).isEqualTo(3);
        assertThat(h.env("dev").waitingFor()).containsExactly("dev is busy with deployment 1 (release 1)");

        h.deploy(1, "dev");
        // dev takes release 3 while release 1 moves on to ha
        assertThat(h.executor.drain()).extracting(r -> r.release().number() + "@" + r.environment())
                .containsExactlyInAnyOrder("3@dev", "1@ha");
    }
}
