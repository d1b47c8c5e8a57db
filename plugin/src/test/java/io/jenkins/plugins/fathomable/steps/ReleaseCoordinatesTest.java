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

class ReleaseCoordinatesTest {

    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");
    private static final ReleaseRun RUN = new ReleaseRun(new DeploymentId(TRACKER, 4), "ha", 3,
            Deployment.Kind.PROMOTE);

    @Test
    void givenParametersAreUsedAsGiven() {
        assertThat(ReleaseCoordinates.resolve(" shop.other ", "prod", 9, RUN))
                .isEqualTo(new ReleaseCoordinates(TrackerId.parse("shop.other"), "prod", 9));
    }

    @Test
    void inAReleaseRunMissingParametersComeFromTheRun() {
        assertThat(ReleaseCoordinates.resolve(null, "", null, RUN)).isEqualTo(new ReleaseCoordinates(TRACKER, "ha", 3));
        assertThat(ReleaseCoordinates.resolve(null, "dev", null, RUN)).isEqualTo(new ReleaseCoordinates(TRACKER, "dev", 3));
    }

    @Test
    void outsideAReleaseRunEveryMissingParameterIsNamed() {
        assertThatThrownBy(() -> ReleaseCoordinates.resolve(null, null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("tracker", "environment", "release"))
                .hasMessageContaining("not started by Fathomable");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> ReleaseCoordinates.resolve("Shop", "dev", 0, RUN))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("tracker", "release"))
                .hasMessageContaining("group.name").hasMessageContaining("positive release number, got 0");
    }
}
