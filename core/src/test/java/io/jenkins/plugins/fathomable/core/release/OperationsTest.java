package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.release.Harness.ID;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supersede, hold, rollback, failure, retry and reject, on a flow where ha needs an approval. */
class OperationsTest {

    @TempDir
    Path dir;

    Harness h;

    @BeforeEach
    void releaseOneDeployedInDev() {
        FlowConfig flow = new FlowConfig(List.of(EnvironmentConfig.simple("dev", "c", "dev"),
                EnvironmentConfig.simple("ha", "c", "ha").withApprovalRequired(true),
                EnvironmentConfig.simple("preprod", "c", "preprod"), EnvironmentConfig.simple("prod", "c", "prod")));
        h = new Harness(dir, flow, Instant.parse("2026-11-23T08:00:00Z"));
        h.ingest(1, image("1.4.2", 1));
        h.deploy(1, "dev");
        assertThat(h.release(1).stage()).isEqualTo("QUEUED ha");
    }

    private void releaseTwoDeployedInDev() {
        h.imageUpdated(image("1.4.2", 2));
        h.deploy(2, "dev");
    }

    @Test
    void aNewerReleaseSupersedesTheOlderOneWaitingInTheSameEnvironment() {
        releaseTwoDeployedInDev();

        assertThat(h.release(1).status()).isEqualTo(ReleaseStatus.SUPERSEDED);
        assertThat(h.release(1).reason()).isEqualTo("superseded by release 2");
        assertThat(h.env("ha").queued().number()).isEqualTo(2);
        // The replaced release is kept for rollback.
        assertThat(h.env("dev").deployed().number()).isEqualTo(2);
        assertThat(h.env("dev").previous().number()).isEqualTo(1);
        assertThatThrownBy(() -> h.engine.approve(ID, 1, "ha", "alice")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("release 1 is SUPERSEDED ha");
    }

    @Test
    void holdingTheTrackerStopsHandOutsUntilUnheld() {
        h.engine.hold(ID, "bob");
        h.engine.approve(ID, 1, "ha", "alice");
        h.imageUpdated(image("1.4.2", 2));
        h.expectNoRequest();
        assertThat(h.env("ha").waitingFor()).containsExactly("the tracker is on hold");
        assertThat(h.env("dev").waitingFor()).containsExactly("the tracker is on hold");
        assertThat(h.engine.status(ID).held()).isTrue();

        h.engine.unhold(ID, "bob");
        assertThat(h.executor.drain()).extracting(r -> r.release().number() + "@" + r.environment())
                .containsExactlyInAnyOrder("2@dev", "1@ha");
        assertThat(h.engine.history(ID)).filteredOn(e -> e.actor().equals("bob")).extracting(HistoryEntry::action)
                .containsExactly("held", "unheld");
    }

    @Test
    void holdingAnEnvironmentStopsOnlyThatEnvironment() {
        h.engine.holdEnvironment(ID, "ha", "bob");
        h.engine.approve(ID, 1, "ha", "alice");
        h.expectNoRequest();
        assertThat(h.env("ha").waitingFor()).containsExactly("ha is on hold");
        assertThat(h.env("ha").held()).isTrue();
        h.imageUpdated(image("1.4.2", 2));
        h.expectRequest(2, "dev");

        h.engine.unholdEnvironment(ID, "ha", "bob");
        h.expectRequest(1, "ha");
    }

    @Test
    void rollbackRedeploysThePreviousReleaseAndStopsTheRolledBackOne() {
        releaseTwoDeployedInDev();
        h.engine.rollback(ID, "dev", "carol");

        DeploymentRequest back = h.expectRequest(1, "dev");
        assertThat(back.kind()).isEqualTo(Deployment.Kind.ROLLBACK);
        assertThat(back.release().image()).isEqualTo(image("1.4.2", 1));
        assertThatThrownBy(() -> h.engine.rollback(ID, "dev", "carol")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("dev is busy");
        // While dev is rolled back, release 2 does not spread, approved or not.
        h.engine.approve(ID, 2, "ha", "alice");
        h.expectNoRequest();
        assertThat(h.env("ha").waitingFor()).containsExactly("dev is being rolled back");
        String run = h.ready(back);

        assertThat(h.env("dev").deployed().number()).isEqualTo(1);
        assertThat(h.env("dev").previous()).isNull();
        assertThat(h.release(2).status()).isEqualTo(ReleaseStatus.ROLLED_BACK);
        assertThat(h.release(2).reason()).isEqualTo("dev was rolled back to release 1");
        assertThat(h.env("ha").queued()).isNull();
        assertThat(h.engine.history(ID)).filteredOn(e -> e.action().equals("rolling-back")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("carol"));
        assertThat(h.engine.history(ID)).filteredOn(e -> e.action().equals("rolled-back"))
                .allSatisfy(e -> assertThat(e.runUrl()).isEqualTo(run)).hasSize(2);
        assertThatThrownBy(() -> h.engine.rollback(ID, "dev", "carol")).isInstanceOf(ConflictException.class)
                .hasMessage("dev has no previous release to roll back to");
    }

    @Test
    void aFailedRollbackLeavesTheEnvironmentAsItWas() {
        releaseTwoDeployedInDev();
        h.engine.rollback(ID, "dev", "carol");
        h.fail(h.expectRequest(1, "dev"), "image pull back-off");

        assertThat(h.env("dev").deployed().number()).isEqualTo(2);
        assertThat(h.env("dev").previous().number()).isEqualTo(1);
        assertThat(h.release(2).stage()).isEqualTo("QUEUED ha");
        assertThat(h.engine.history(ID)).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("rollback-failed");
            assertThat(e.detail()).isEqualTo("image pull back-off");
        });
    }

    @Test
    void aFailureKeepsThePreviousReleaseAndStopsPromotion() {
        h.imageUpdated(image("1.4.2", 2));
        String run = h.fail(h.expectRequest(2, "dev"), "container payments-api not ready: CrashLoopBackOff");

        assertThat(h.release(2).stage()).isEqualTo("FAILED dev");
        assertThat(h.release(2).reason()).isEqualTo("container payments-api not ready: CrashLoopBackOff");
        assertThat(h.env("dev").deployed().number()).isEqualTo(1);
        assertThat(h.env("dev").lastRunUrl()).isEqualTo(run);
        assertThat(h.engine.history(ID)).filteredOn(e -> e.action().equals("failed")).singleElement()
                .satisfies(e -> {
                    assertThat(e.from()).isEqualTo("DEPLOYING dev");
                    assertThat(e.to()).isEqualTo("FAILED dev");
                    assertThat(e.runUrl()).isEqualTo(run);
                });
        h.engine.approve(ID, 2, "ha", "alice");
        h.engine.reconcile();
        h.expectNoRequest();

        // Release 1, still deployed in dev, goes on.
        h.engine.approve(ID, 1, "ha", "alice");
        h.expectRequest(1, "ha");
    }

    @Test
    void aFailedReleaseCanBeRetriedAndALateOutcomeOfTheOldAttemptIsIgnored() {
        h.imageUpdated(image("1.4.2", 2));
        DeploymentRequest first = h.expectRequest(2, "dev");
        h.fail(first, "timed out waiting for readiness");
        assertThatThrownBy(() -> h.engine.retry(ID, 1, "dave")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("only failed releases can be retried");

        h.engine.retry(ID, 2, "dave");
        DeploymentRequest second = h.expectRequest(2, "dev");
        assertThat(second.id()).isNotEqualTo(first.id());
        var before = h.store.get(ID).orElseThrow();
        assertThat(h.engine.completed(first.id(), new DeploymentOutcome.Ready("late"))).isFalse();
        assertThat(h.store.get(ID)).contains(before);

        h.ready(second);
        assertThat(h.release(2).stage()).isEqualTo("QUEUED ha");
        assertThat(h.release(1).status()).isEqualTo(ReleaseStatus.SUPERSEDED);
        assertThat(h.engine.completed(second.id(), new DeploymentOutcome.Ready("again"))).isFalse();
    }

    @Test
    void rejectStopsAQueuedReleaseForGood() {
        h.engine.reject(ID, 1, "wrong feature flag", "erin");
        assertThat(h.release(1).stage()).isEqualTo("REJECTED ha");
        assertThat(h.release(1).reason()).isEqualTo("wrong feature flag");
        assertThat(h.env("ha").queued()).isNull();
        assertThatThrownBy(() -> h.engine.approve(ID, 1, "ha", "alice")).isInstanceOf(ConflictException.class);
        h.engine.reconcile();
        h.expectNoRequest();

        h.imageUpdated(image("1.4.2", 2));
        h.expectRequest(2, "dev");
        assertThatThrownBy(() -> h.engine.reject(ID, 2, null, "erin")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("release 2 is DEPLOYING dev");
    }

    @Test
    void anExecutorThatCannotStartADeploymentFailsTheRelease() {
        h.executor.refuseWith = new IllegalStateException("no agent with label k8s");
        h.imageUpdated(image("1.4.2", 2));

        assertThat(h.release(2).stage()).isEqualTo("FAILED dev");
        assertThat(h.release(2).reason()).contains("no agent with label k8s");
        assertThat(h.env("dev").inProgress()).isNull();
        h.executor.refuseWith = null;
        h.executor.drain();
        h.engine.retry(ID, 2, "dave");
        h.expectRequest(2, "dev");
    }

    @Test
    void inProgressListsWhatTheExecutorWasGiven() {
        h.engine.approve(ID, 1, "ha", "alice");
        DeploymentRequest ha = h.expectRequest(1, "ha");
        assertThat(h.engine.inProgress()).containsExactly(ha);
        h.ready(ha);
        h.expectRequest(1, "preprod");
    }

    @Test
    void unknownTrackersAreReported() {
        TrackerId ghost = TrackerId.parse("shop.ghost");
        assertThatThrownBy(() -> h.engine.reconcile(ghost)).isInstanceOf(NoSuchTrackerException.class);
        assertThatThrownBy(() -> h.engine.status(ghost)).isInstanceOf(NoSuchTrackerException.class);
        assertThatThrownBy(() -> h.engine.completed(new DeploymentId(ghost, 1), new DeploymentOutcome.Ready(null)))
                .isInstanceOf(NoSuchTrackerException.class);
    }
}
