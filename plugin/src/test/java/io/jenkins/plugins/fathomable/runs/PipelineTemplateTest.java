package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class PipelineTemplateTest {

    private static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");

    @Test
    void theDefaultScriptIsJustFathomableReleaseWithTheTrackerAsAStringLiteralAndTheRunsParameters() {
        String script = PipelineTemplate.render(PipelineTemplate.DEFAULT, TRACKER);

        assertThat(script).contains("fathomableRelease(")
                .contains("tracker: 'shop.payments-api',")
                .contains("environment: params." + ReleaseRun.ENVIRONMENT)
                .contains("release: params." + ReleaseRun.RELEASE)
                .doesNotContain("{{");
        assertThat(script.lines().filter(l -> !l.isBlank() && !l.trim().startsWith("//"))
                .filter(l -> l.contains("(") && !l.trim().startsWith("fathomableRelease("))).isEmpty();
    }

    @Test
    void placeholdersBecomeQuotedLiteralsAndMayHoldSpaces() {
        String script = PipelineTemplate.render("echo {{ group }}\necho {{name}}\necho {{tracker}}", TRACKER);

        assertThat(script).isEqualTo("echo 'shop'\necho 'payments-api'\necho 'shop.payments-api'");
    }

    @Test
    void literalsCannotBeBrokenOutOfOrInterpolated() {
        assertThat(PipelineTemplate.groovyString("it's")).isEqualTo("'it\\'s'");
        assertThat(PipelineTemplate.groovyString("a\\' + evil() + '")).isEqualTo("'a\\\\\\' + evil() + \\''");
        assertThat(PipelineTemplate.groovyString("${System.exit(0)}")).isEqualTo("'${System.exit(0)}'");
        assertThat(PipelineTemplate.groovyString("line\nbreak\r\t")).isEqualTo("'line\\nbreak\\r\\t'");
        assertThat(PipelineTemplate.groovyString("x\u0000\u2028")).isEqualTo("'x\\u0000\\u2028'");
    }

    @Test
    void unknownPlaceholdersAreRefusedNamingTheFieldAndThePlaceholders() {
        assertThat(PipelineTemplate.check("fathomableRelease(tracker: {{tracker}}, env: {{env}}, x: {{ x }})"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo(PipelineTemplate.FIELD);
                    assertThat(e.message()).startsWith("unknown placeholder(s) {{ x }}, {{env}}; use");
                });
        assertThatThrownBy(() -> PipelineTemplate.render("{{environment}}", TRACKER))
                .isInstanceOf(ValidationException.class).hasMessageContaining("{{environment}}");
    }

    @Test
    void blankAndHugeTemplatesAreRefused() {
        assertThat(PipelineTemplate.check(" \n")).extracting(FieldError::message)
                .singleElement().asString().contains("is required");
        assertThat(PipelineTemplate.check(null)).hasSize(1);
        assertThat(PipelineTemplate.check("x".repeat(PipelineTemplate.MAX_CHARS + 1))).extracting(FieldError::message)
                .singleElement().asString().contains("at most");
        assertThat(PipelineTemplate.check(PipelineTemplate.DEFAULT)).isEmpty();
    }

    @Test
    void aJobIsUpToDateOnlyWithTheSameScriptInTheSandbox() {
        String script = PipelineTemplate.render(PipelineTemplate.DEFAULT, TRACKER);

        assertThat(PipelineTemplate.upToDate(script, true, script)).isTrue();
        assertThat(PipelineTemplate.upToDate(script, false, script)).as("never keep an unsandboxed script").isFalse();
        assertThat(PipelineTemplate.upToDate(script + "\n", true, script)).isFalse();
        assertThat(PipelineTemplate.upToDate(null, true, script)).isFalse();
    }
}
