package io.jenkins.plugins.fathomable.steps;

import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.TRACKER;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.example;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jenkins.plugins.fathomable.core.deploy.ObjectRef;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRendererTest {

    @TempDir
    Path dir;
    private ReleaseFixture fixture;
    private ReleaseRenderer renderer;

    @BeforeEach
    void twoReleasesOneDeployedInDev() {
        fixture = new ReleaseFixture(dir, Clock.systemUTC());
        fixture.track(List.of(release(1, example("web-service.yaml"), ReleaseStatus.QUEUED, "ha"),
                release(2, "not: [valid", ReleaseStatus.QUEUED, "dev")), Map.of("dev", 1));
        renderer = new ReleaseRenderer(fixture);
    }

    @Test
    void rendersTheReleasesRecordedContentWithItsPinnedImageForTheEnvironmentsNamespace() {
        RenderedRelease rendered = renderer.render(new ReleaseCoordinates(TRACKER, "dev", 1));

        assertThat(rendered.target().namespace()).isEqualTo("shop-dev");
        assertThat(rendered.objects()).extracting(HasMetadata::getKind).contains("Deployment", "Service", "Ingress");
        String yaml = rendered.yaml();
        assertThat(yaml).startsWith("---\n")
                .contains("ghcr.io/acme/payments-api@sha256:" + "0".repeat(63) + "1")
                .contains("value: debug");
        assertThat(renderer.render(new ReleaseCoordinates(TRACKER, "dev", 1)).yaml()).as("same bytes again")
                .isEqualTo(yaml);
        assertThat(renderer.render(new ReleaseCoordinates(TRACKER, "prod", 1)).yaml())
                .contains("HorizontalPodAutoscaler").doesNotContain("value: debug");
    }

    @Test
    void theInventoryNamesEveryObjectInTheTargetNamespace() {
        RenderedRelease rendered = renderer.render(new ReleaseCoordinates(TRACKER, "preprod", 1));

        assertThat(rendered.inventory().objects()).hasSameSizeAs(rendered.objects())
                .extracting(ObjectRef::namespace).containsOnly("shop-preprod");
    }

    @Test
    void aMissingReleaseTrackerOrEnvironmentIsNamed() {
        assertThatThrownBy(() -> renderer.render(new ReleaseCoordinates(TRACKER, "dev", 9)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("release"))
                .hasMessageContaining("has no release 9 (it keeps [1, 2])");
        assertThatThrownBy(() -> renderer.render(new ReleaseCoordinates(
                io.jenkins.plugins.fathomable.core.tracker.TrackerId.parse("shop.nope"), "dev", 1)))
                .hasMessageContaining("tracker: no tracker 'shop.nope'");
        assertThatThrownBy(() -> renderer.render(new ReleaseCoordinates(TRACKER, "qa", 1)))
                .hasMessageContaining("environment: 'qa' is not an environment of the flow");
    }

    @Test
    void aReleaseWhoseSpecDoesNotParseNamesTheReleaseAndTheSpecsErrors() {
        assertThatThrownBy(() -> renderer.render(new ReleaseCoordinates(TRACKER, "dev", 2)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .allSatisfy(err -> assertThat(err.field()).startsWith("release 2 fathomable.yaml ")));
    }

    @Test
    void whatTheEnvironmentRunsIsRenderedOnlyWhenItIsAnotherRelease() {
        assertThat(renderer.deployedBefore(new ReleaseCoordinates(TRACKER, "dev", 3)))
                .hasValueSatisfying(r -> assertThat(r.coordinates().release()).isEqualTo(1));
        assertThat(renderer.deployedBefore(new ReleaseCoordinates(TRACKER, "dev", 1))).isEmpty();
        assertThat(renderer.deployedBefore(new ReleaseCoordinates(TRACKER, "ha", 1))).isEmpty();
    }
}
