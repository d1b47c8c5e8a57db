package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.release.Harness.ID;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One release from dev to prod through soak times, release windows and an approval. */
class PromotionTest {

    /** preprod: weekdays 09:00-17:00 Berlin; prod: Tuesdays and Thursdays 10:00-14:00 Berlin, approval, 1 day soak. */
    static FlowConfig gatedFlow() {
        return new FlowConfig(List.of(
                EnvironmentConfig.simple("dev", "gke-dev", "payments-dev"),
                EnvironmentConfig.simple("ha", "gke-dev", "payments-ha").withMinSoak(Duration.ofHours(1)),
                EnvironmentConfig.simple("preprod", "gke-prod", "payments-preprod").withMinSoak(Duration.ofHours(2))
                        .withWindows(List.of(new DeployWindow("0 9 * * 1-5", "Europe/Berlin", Duration.ofHours(8)))),
                EnvironmentConfig.simple("prod", "gke-prod", "payments").withMinSoak(Duration.ofDays(1))
                        .withApprovalRequired(true)
                        .withWindows(List.of(new DeployWindow("0 10 * * 2,4", "Europe/Berlin", Duration.ofHours(4))))));
    }

    @TempDir
    Path dir;

    @Test
    void aReleaseReachesProdThroughSoakWindowsAndApproval() {
        // Monday 2026-11-23 09:00 in Berlin
        Harness h = new Harness(dir, gatedFlow(), Instant.parse("2026-11-23T08:00:00Z"));
        h.ingest(1, image("1.4.2", 1));
        h.deploy(1, "dev");

        assertThat(h.release(1).stage()).isEqualTo("QUEUED ha");
        assertThat(h.env("ha").waitingFor()).containsExactly("soaking in dev until 2026-11-23T09:00:00Z");
        h.clock.advance(Duration.ofMinutes(59));
        h.engine.reconcile();
        h.expectNoRequest();

        h.clock.advance(Duration.ofMinutes(1));
        h.engine.reconcile();
        DeploymentRequest ha = h.expectRequest(1, "ha");
        assertThat(ha.target()).isEqualTo(new KubernetesTarget("gke-dev", "payments-ha"));
        h.ready(ha);

        // Soaked long enough by 11:00 UTC, but at 16:30 UTC (17:30 Berlin) preprod's window has closed.
        h.clock.set(Instant.parse("2026-11-23T16:30:00Z"));
        h.engine.reconcile();
        h.expectNoRequest();
        assertThat(h.env("preprod").waitingFor())
                .containsExactly("outside the release windows of preprod; next opens 2026-11-24T08:00:00Z");

        h.clock.set(Instant.parse("2026-11-24T08:00:00Z"));
        h.engine.reconcile();
        h.deploy(1, "preprod");

        assertThat(h.env("prod").waitingFor()).containsExactly(
                "soaking in preprod until 2026-11-25T08:00:00Z",
                "needs approval for prod",
                "outside the release windows of prod; next opens 2026-11-24T09:00:00Z");
        h.engine.approve(ID, 1, "prod", "alice");
        assertThat(h.release(1).approvals()).containsExactly("prod");

        // Wednesday: soaked and approved, but prod opens on Tuesdays and Thursdays only.
        h.clock.set(Instant.parse("2026-11-25T09:30:00Z"));
        h.engine.reconcile();
        h.expectNoRequest();
        assertThat(h.env("prod").waitingFor())
                .containsExactly("outside the release windows of prod; next opens 2026-11-26T09:00:00Z");

        h.clock.set(Instant.parse("2026-11-26T09:30:00Z"));
        h.engine.reconcile();
        DeploymentRequest prod = h.expectRequest(1, "prod");
        assertThat(prod.target()).isEqualTo(new KubernetesTarget("gke-prod", "payments"));
        String run = h.ready(prod);

        assertThat(h.release(1).status()).isEqualTo(ReleaseStatus.COMPLETED);
        TrackerStatus status = h.engine.status(ID);
        assertThat(status.environments()).extracting(e -> e.deployed().number()).containsExactly(1, 1, 1, 1);
        assertThat(status.environments()).allSatisfy(e -> assertThat(e.queued()).isNull());
        assertThat(h.env("prod").lastRunUrl()).isEqualTo(run);
        assertThat(h.env("prod").readyAt()).isEqualTo(Instant.parse("2026-11-26T09:30:00Z"));

        List<HistoryEntry> history = h.engine.history(ID);
        assertThat(history).filteredOn(e -> e.action().equals("approved")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("alice");
                    assertThat(e.environment()).isEqualTo("prod");
                    assertThat(e.at()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
                });
        assertThat(history).filteredOn(e -> e.action().equals("deployed") && "prod".equals(e.environment()))
                .singleElement().satisfies(e -> {
                    assertThat(e.from()).isEqualTo("DEPLOYING prod");
                    assertThat(e.to()).isEqualTo("COMPLETED prod");
                    assertThat(e.runUrl()).isEqualTo(run);
                });
        assertThat(history).filteredOn(e -> e.release() != null && e.release() == 1)
                .extracting(HistoryEntry::action).containsSubsequence("created", "deploying", "deployed", "queued",
                        "deploying", "deployed", "queued", "deploying", "deployed", "queued", "approved", "deploying",
                        "deployed");
    }

    @Test
    void reconcilingTwiceWithNothingChangedChangesNothing() {
        Harness h = new Harness(dir, gatedFlow(), Instant.parse("2026-11-23T08:00:00Z"));
        h.ingest(1, image("1.4.2", 1));
        h.deploy(1, "dev");
        var before = h.store.get(ID).orElseThrow();
        h.engine.reconcile();
        h.engine.reconcile(ID);
        assertThat(h.store.get(ID)).contains(before);
        h.expectNoRequest();
    }

    @Test
    void approvalsAreCheckedAgainstTheFlow() {
        Harness h = new Harness(dir, gatedFlow(), Instant.parse("2026-11-23T08:00:00Z"));
        h.ingest(1, image("1.4.2", 1));
        // Approving ahead of time is fine.
        h.engine.approve(ID, 1, "prod", "alice");
        assertThat(h.release(1).approvals()).containsExactly("prod");

        assertThatThrownBy(() -> h.engine.approve(ID, 1, "ha", "alice")).isInstanceOf(ConflictException.class)
                .hasMessage("ha needs no approval: releases enter it without one");
        assertThatThrownBy(() -> h.engine.approve(ID, 1, "staging", "alice")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("environment: 'staging' is not an environment of the flow [dev, ha, preprod, prod]");
        assertThatThrownBy(() -> h.engine.approve(ID, 7, "prod", "alice")).isInstanceOf(NoSuchReleaseException.class)
                .hasMessage("release: tracker shop.payments has no release 7");
        assertThatThrownBy(() -> h.engine.approve(ID, 1, "prod", " ")).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("actor:");
    }
}
