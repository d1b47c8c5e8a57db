package io.jenkins.plugins.fathomable.core.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.source.registry.ImageReference;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlImagePolicyReaderTest {

    private final ImagePolicyReader reader = new YamlImagePolicyReader();

    private static String spec(String image) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: payments-api\nspec:\n"
                + "  pattern: web-service\n  image:\n" + image;
    }

    private List<FieldError> errors(String yaml) {
        try {
            reader.read(yaml);
        } catch (ValidationException e) {
            return e.errors();
        }
        throw new AssertionError("expected a ValidationException for:\n" + yaml);
    }

    @Test
    void readsAFixedTag() {
        ImagePolicy policy = reader.read(spec("    repository: ghcr.io/acme/payments-api\n    tag: \"1.4.2\"\n"));

        assertThat(policy.repository()).isEqualTo(ImageReference.parse("ghcr.io/acme/payments-api"));
        assertThat(policy.isFixedTag()).isTrue();
        assertThat(policy.tag()).isEqualTo("1.4.2");
    }

    @Test
    void anUnquotedNumericTagKeepsItsText() {
        assertThat(reader.read(spec("    repository: nginx\n    tag: 1.10\n")).tag()).isEqualTo("1.10");
    }

    @Test
    void readsASemVerConstraint() {
        ImagePolicy policy = reader.read(spec("    repository: ghcr.io/acme/payments-api\n    semver: \"^1.4\"\n"));

        assertThat(policy.isFixedTag()).isFalse();
        assertThat(policy.semver()).hasToString("^1.4");
    }

    @Test
    void bothTagAndSemverIsAnErrorWithItsPosition() {
        assertThat(errors(spec("    repository: nginx\n    tag: \"1\"\n    semver: \"^1\"\n"))).singleElement()
                .hasToString("spec.image.tag: give exactly one of spec.image.tag (a fixed tag) and spec.image.semver "
                        + "(a SemVer constraint) (line 9, column 10)");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        List<FieldError> errors = errors(spec("    repository: ghcr.io/Acme//app:1.0\n    semver: banana\n"));

        assertThat(errors).extracting(FieldError::field).containsExactly("spec.image.repository", "spec.image.semver");
        assertThat(errors).extracting(FieldError::line).containsExactly(8, 9);
    }

    @Test
    void repositoryWithATagIsRefused() {
        assertThat(errors(spec("    repository: ghcr.io/acme/app:1.0\n    tag: \"1.0\"\n"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("without tag or digest"));
    }

    @Test
    void missingImageSectionNamesIt() {
        assertThat(errors("apiVersion: fathomable.io/v1\nspec:\n  pattern: worker\n")).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("spec.image");
                    assertThat(e.message()).isEqualTo("is required");
                });
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        assertThat(errors("spec:\n  image: [unclosed\n")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("fathomable.yaml");
            assertThat(e.line()).isGreaterThan(1);
        });
    }

    @Test
    void typeTagsAreNeverConstructed() {
        String yaml = spec("    repository: !!javax.script.ScriptEngineManager [x]\n    tag: \"1\"\n");

        // snakeyaml's tag inspector refuses global tags while composing: a YAML error at the tag, nothing built
        assertThat(errors(yaml)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("fathomable.yaml");
            assertThat(e.message()).contains("Global tag is not allowed");
            assertThat(e.line()).isEqualTo(8);
        });
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(errors("")).extracting(FieldError::field).containsExactly("spec.image");
    }
}
