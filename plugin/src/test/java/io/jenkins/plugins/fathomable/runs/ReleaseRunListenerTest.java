package io.jenkins.plugins.fathomable.runs;

import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.T0;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.TRACKER;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRunListenerTest {

    private static final String URL = "https://ci.example.com/job/fathomable-shop.payments-api/1/";

    @TempDir
    Path dir;
    private ReleaseFixture fixture;
    private ReleaseCause cause;

    @BeforeEach
    void releaseOneIsDeployingToDev() {
        fixture = new ReleaseFixture(dir, Clock.fixed(T0, ZoneOffset.UTC));
        fixture.track(List.of(release(1, "x: 1", ReleaseStatus.QUEUED, "dev")), Map.of());
        fixture.engine.reconcile(TRACKER);
        cause = new ReleaseCause(ReleaseRun.of(fixture.handedOut.get(0)));
    }

    @Test
    void theRunsResultIsReportedOnce() {
        assertThat(ReleaseRunListener.report(fixture.engine, cause, DeploymentOutcome.ready(URL), "run #1"))
                .isEqualTo("Fathomable: reported ready for Fathomable release 1 of shop.payments-api to dev");
        assertThat(ReleaseRunListener.report(fixture.engine, cause, DeploymentOutcome.ready(URL), "run #1"))
                .contains("was already reported");
    }

    /** Found by the end-to-end suite: a tracker deleted through the REST API while its release run was going. */
    @Test
    void aRunWhoseTrackerWasDeletedMeanwhileEndsWithoutAnError() {
        assertThat(fixture.store.delete(TRACKER)).isTrue();

        assertThat(ReleaseRunListener.report(fixture.engine, cause, DeploymentOutcome.failed("boom", URL), "run #1"))
                .isEqualTo("Fathomable: tracker shop.payments-api was deleted while run #1 was running;"
                        + " its outcome is not recorded");
    }
}
