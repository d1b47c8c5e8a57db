package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.runs.PipelineTemplate;
import org.junit.jupiter.api.Test;

/** What {@code FathomableConfiguration.setReleasePipelineTemplate} keeps. */
class ReleasePipelineTemplateSettingTest {

    @Test
    void blankOrTheDefaultTextMeansFollowTheDefault() {
        assertThat(FathomableConfiguration.releasePipelineTemplate(null)).isNull();
        assertThat(FathomableConfiguration.releasePipelineTemplate("  \n")).isNull();
        // as a browser posts the unchanged text area: CRLF, no final new line
        assertThat(FathomableConfiguration.releasePipelineTemplate(
                PipelineTemplate.DEFAULT.strip().replace("\n", "\r\n"))).isNull();
    }

    @Test
    void aCustomTemplateIsKeptWithUnixLineEnds() {
        String custom = "stage('deploy') {\r\n  fathomableRelease(tracker: {{tracker}}, environment: "
                + "params.FATHOMABLE_ENVIRONMENT, release: params.FATHOMABLE_RELEASE)\r\n}";
        assertThat(FathomableConfiguration.releasePipelineTemplate(custom))
                .isEqualTo(custom.replace("\r\n", "\n") + "\n")
                .doesNotContain("\r");
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingTheField() {
        assertThatThrownBy(() -> FathomableConfiguration.releasePipelineTemplate("echo {{environment}}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(err -> {
                        assertThat(err.field()).isEqualTo("releasePipelineTemplate");
                        assertThat(err.message()).contains("{{environment}}");
                    });
                });
    }

    @Test
    void anOversizedTemplateIsRefused() {
        String huge = "//" + "x".repeat(PipelineTemplate.MAX_CHARS);
        assertThatThrownBy(() -> FathomableConfiguration.releasePipelineTemplate(huge))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at most");
    }
}
