package io.jenkins.plugins.fathomable.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page rows, from a real release engine and store. */
class StatusRowsTest {

    private static final TrackerId ID = TrackerId.parse("payments.api");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;
    private FileTrackerStore store;
    /** Deployments handed out (a Pipeline executor would queue runs for them). */
    private final List<DeploymentRequest> handedOut = new ArrayList<>();
    private ReleaseEngine engine;

    @BeforeEach
    void setUp() {
        store = new FileTrackerStore(dir);
        store.create(TrackerRecord.of(Tracker.of(ID.toString(), "acme/payments", "fathomable.yaml", null, null, null, null)));
        FlowConfig flow = new FlowConfig(List.of(EnvironmentConfig.simple("dev", "dev", "shop-dev"),
                EnvironmentConfig.simple("prod", "prod", "shop-prod").withApprovalRequired(true)));
        engine = new ReleaseEngine(store, flow, handedOut::add, Clock.fixed(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC));
        engine.onEvent(new TrackerEvent.Ingested(ID, Instant.parse("2026-11-30T04:00:00Z"),
                new ConfigRevision("c".repeat(40), "b".repeat(40), "spec: {}"),
                new ImageVersion("ghcr.io/acme/payments", "1.0.0", DIGEST)));
    }

    private StatusRows.Row row() {
        return StatusRows.of(store.get(ID).orElseThrow(), engine.status(ID), true);
    }

    @Test
    void aFirstReleaseIsInProgressInTheFirstEnvironment() {
        StatusRows.Row row = row();

        assertThat(handedOut).singleElement().satisfies(r -> assertThat(r.environment()).isEqualTo("dev"));
        assertThat(row.id()).isEqualTo("payments.api");
        assertThat(row.configured()).isTrue();
        assertThat(row.environments()).extracting(StatusRows.Env::name).containsExactly("dev", "prod");
        assertThat(row.environments().get(0).inProgress()).isEqualTo("#1");
        assertThat(row.environments().get(0).deployed()).isNull();
    }

    @Test
    void aReadyReleaseIsDeployedAndWaitsForApprovalInTheNext() {
        engine.completed(handedOut.get(0).id(), new DeploymentOutcome.Ready("job/payments/1/"));

        StatusRows.Env dev = row().environments().get(0);
        StatusRows.Env prod = row().environments().get(1);

        assertThat(dev.deployed()).startsWith("#1 ghcr.io/acme/payments:1.0.0 (sha256:abababab");
        assertThat(dev.lastRunUrl()).isEqualTo("job/payments/1/");
        assertThat(prod.waiting()).startsWith("#1 ");
        assertThat(prod.approvable()).isEqualTo(1);
        assertThat(prod.rejectable()).isEqualTo(1);
        assertThat(prod.waitingFor()).containsIgnoringCase("approv");
        assertThat(prod.rollbackPossible()).isFalse();

    }

    @Test
    void aHeldTrackerShowsAsHeld() {
        engine.hold(ID, "alice");

        assertThat(row().held()).isTrue();
    }
}
