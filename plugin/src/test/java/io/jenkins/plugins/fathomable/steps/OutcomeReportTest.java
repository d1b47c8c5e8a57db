package io.jenkins.plugins.fathomable.steps;

import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.T0;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.TRACKER;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeReportTest {

    private static final String URL = "https://ci.example.com/job/fathomable-shop.payments-api/1/";

    @TempDir
    Path dir;
    private ReleaseFixture fixture;
    private ReleaseRun run;

    @BeforeEach
    void releaseOneIsDeployingToDev() {
        fixture = new ReleaseFixture(dir, Clock.fixed(T0, ZoneOffset.UTC));
        fixture.track(List.of(release(1, "x: 1", ReleaseStatus.QUEUED, "dev")), Map.of());
        fixture.engine.reconcile(TRACKER);
        DeploymentRequest request = fixture.handedOut.get(0);
        run = ReleaseRun.of(request);
    }

    @Test
    void readyInItsOwnReleaseRunDeploysTheReleaseAndPutsTheRunUrlInTheHistory() {
        String line = OutcomeReport.report(fixture.engine, run, new ReleaseCoordinates(TRACKER, "dev", 1),
                DeployResult.ready(Inventory.empty()), URL);

        assertThat(line).isEqualTo("Fathomable: reported ready for release 1 of shop.payments-api in dev");
        HistoryEntry deployed = fixture.engine.history(TRACKER).stream().filter(h -> h.action().equals("deployed"))
                .findFirst().orElseThrow();
        assertThat(deployed.runUrl()).isEqualTo(URL);
        assertThat(fixture.handedOut).as("queued for ha and handed out").hasSize(2);
    }

    @Test
    void failedCarriesTheReason() {
        OutcomeReport.report(fixture.engine, run, new ReleaseCoordinates(TRACKER, "dev", 1),
                new DeployResult(false, "not ready after 10m: Deployment payments-api: 0/1 replicas ready",
                        Inventory.empty()), URL);

        assertThat(fixture.engine.history(TRACKER)).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("failed");
            assertThat(h.detail()).contains("0/1 replicas ready");
            assertThat(h.runUrl()).isEqualTo(URL);
        });
    }

    @Test
    void aTrackerDeletedWhileItsRunWasGoingIsNotAnError() {
        assertThat(fixture.store.delete(TRACKER)).isTrue();

        String line = OutcomeReport.report(fixture.engine, run, new ReleaseCoordinates(TRACKER, "dev", 1),
                DeployResult.ready(Inventory.empty()), URL);

        assertThat(line).isEqualTo("Fathomable: tracker shop.payments-api was deleted while this run was running;"
                + " its outcome is not recorded");
    }

    @Test
    void aSecondReportIsIgnoredByTheEngine() {
        ReleaseCoordinates c = new ReleaseCoordinates(TRACKER, "dev", 1);
        OutcomeReport.report(fixture.engine, run, c, DeployResult.ready(Inventory.empty()), URL);

        String again = OutcomeReport.report(fixture.engine, run, c, DeployResult.ready(Inventory.empty()), URL);

        assertThat(again).contains("already reported");
    }

    @Test
    void deployingSomethingElseThanTheRunWasStartedForReportsNothing() {
        assertThat(OutcomeReport.outcome(null, new ReleaseCoordinates(TRACKER, "dev", 1),
                DeployResult.ready(Inventory.empty()), URL)).isEmpty();
        assertThat(OutcomeReport.outcome(run, new ReleaseCoordinates(TRACKER, "ha", 1),
                DeployResult.ready(Inventory.empty()), URL)).isEmpty();
        assertThat(OutcomeReport.report(fixture.engine, run, new ReleaseCoordinates(TRACKER, "dev", 2),
                DeployResult.ready(Inventory.empty()), URL)).startsWith("Fathomable: not reporting");
        assertThat(fixture.engine.history(TRACKER)).noneMatch(h -> h.action().equals("deployed"));
        assertThat(OutcomeReport.outcome(run, new ReleaseCoordinates(TRACKER, "dev", 1),
                DeployResult.ready(Inventory.empty()), URL)).contains(DeploymentOutcome.ready(URL));
    }
}
