package io.jenkins.plugins.fathomable.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.spec.Environment;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class RenderContextTest {

    @Test
    void reportsEveryBadField() {
        assertThatThrownBy(() -> new RenderContext("staging", "Bad_NS", null, "xyz",
                new ImageVersion("ghcr.io/a/b", "1.0", "sha256:abc")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).extracting(FieldError::field)
                        .containsExactly("environment", "namespace", "tracker", "gitCommit", "image.digest"));
    }

    @Test
    void acceptsAFullContext() {
        RenderContext ctx = new RenderContext("preprod", "payments", new TrackerId("acme", "payments"),
                RenderContext.UNKNOWN_COMMIT, new ImageVersion("ghcr.io/a/b", "1.0", "sha256:" + "0".repeat(64)));
        assertThat(ctx.env()).isEqualTo(Environment.PREPROD);
    }
}
