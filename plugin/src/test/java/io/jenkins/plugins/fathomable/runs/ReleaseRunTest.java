package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import org.junit.jupiter.api.Test;

class ReleaseRunTest {

    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");
    private static final ReleaseRun PROMOTE = new ReleaseRun(new DeploymentId(TRACKER, 7), "ha", 3,
            Deployment.Kind.PROMOTE);

    @Test
    void parametersNameTrackerEnvironmentReleaseAndDeployment() {
        assertThat(PROMOTE.parameters()).containsExactly(
                java.util.Map.entry("FATHOMABLE_TRACKER", "shop.payments-api"),
                java.util.Map.entry("FATHOMABLE_ENVIRONMENT", "ha"),
                java.util.Map.entry("FATHOMABLE_RELEASE", "3"),
                java.util.Map.entry("FATHOMABLE_DEPLOYMENT", "shop.payments-api/7"),
                java.util.Map.entry("FATHOMABLE_KIND", "promote"));
    }

    @Test
    void theCauseNamesTrackerEnvironmentAndReleaseAndRoundTrips() {
        ReleaseCause cause = new ReleaseCause(PROMOTE);

        assertThat(cause.getShortDescription()).isEqualTo("Fathomable release 3 of shop.payments-api to ha");
        assertThat(cause.run()).isEqualTo(PROMOTE);
        assertThat(cause.getDeployment()).isEqualTo("shop.payments-api/7");
        assertThat(cause).isEqualTo(new ReleaseCause(PROMOTE))
                .isNotEqualTo(new ReleaseCause(new ReleaseRun(new DeploymentId(TRACKER, 8), "ha", 3,
                        Deployment.Kind.PROMOTE)));
    }

    @Test
    void aRollbackSaysSo() {
        ReleaseRun rollback = new ReleaseRun(new DeploymentId(TRACKER, 9), "prod", 2, Deployment.Kind.ROLLBACK);

        assertThat(new ReleaseCause(rollback).getShortDescription())
                .isEqualTo("Fathomable rollback of shop.payments-api in prod to release 2");
        assertThat(rollback.parameters()).containsEntry("FATHOMABLE_KIND", "rollback");
        assertThat(new ReleaseCause(rollback).run().kind()).isEqualTo(Deployment.Kind.ROLLBACK);
    }

    @Test
    void matchesOnlyTheSameTrackerEnvironmentAndRelease() {
        assertThat(PROMOTE.matches(TRACKER, "ha", 3)).isTrue();
        assertThat(PROMOTE.matches(TRACKER, "dev", 3)).isFalse();
        assertThat(PROMOTE.matches(TRACKER, "ha", 4)).isFalse();
        assertThat(PROMOTE.matches(TrackerId.parse("shop.other"), "ha", 3)).isFalse();
    }
}
