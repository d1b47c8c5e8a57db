package io.jenkins.plugins.fathomable.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.release.Deployment;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import org.junit.jupiter.api.Test;

/** Deploying steps never bypass the engine's gates: they deploy exactly what their release run was started for. */
class DeployOnlyInReleaseRunsTest {

    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");
    private static final ReleaseRun RUN = new ReleaseRun(new DeploymentId(TRACKER, 4), "ha", 3,
            Deployment.Kind.PROMOTE);

    @Test
    void inItsReleaseRunTheRunsDeploymentIsDeployedGivenOrNot() {
        FathomableReleaseStep step = new FathomableReleaseStep();
        assertThat(step.coordinatesToDeploy("fathomableRelease", RUN)).isEqualTo(new ReleaseCoordinates(TRACKER, "ha", 3));

        step.setTracker("shop.payments-api");
        step.setEnvironment("ha");
        step.setRelease(3);
        assertThat(step.coordinatesToDeploy("fathomableRelease", RUN)).isEqualTo(new ReleaseCoordinates(TRACKER, "ha", 3));
    }

    @Test
    void outsideAReleaseRunNothingIsDeployed() {
        FathomableApplyStep step = new FathomableApplyStep();
        step.setTracker("shop.payments-api");
        step.setEnvironment("prod");
        step.setRelease(3);

        assertThatThrownBy(() -> step.coordinatesToDeploy("fathomableApply", null))
                .hasMessageContaining("fathomableApply deploys only in a release run that Fathomable started");
    }

    @Test
    void anotherEnvironmentReleaseOrTrackerIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> DeployingStep.onlyTheRunsDeployment("fathomableApply",
                new ReleaseCoordinates(TRACKER, "prod", 3), RUN))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("environment"))
                .hasMessageContaining("started for release 3 of shop.payments-api in ha and cannot deploy release 3 "
                        + "of shop.payments-api in prod");
        assertThatThrownBy(() -> DeployingStep.onlyTheRunsDeployment("fathomableApply",
                new ReleaseCoordinates(TRACKER, "ha", 2), RUN)).hasMessageStartingWith("release: ");
        assertThatThrownBy(() -> DeployingStep.onlyTheRunsDeployment("fathomableApply",
                new ReleaseCoordinates(TrackerId.parse("shop.other"), "ha", 3), RUN)).hasMessageStartingWith("tracker: ");
    }
}
