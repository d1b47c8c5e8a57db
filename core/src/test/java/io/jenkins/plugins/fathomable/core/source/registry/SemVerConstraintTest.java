package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SemVerConstraintTest {

    private static final List<String> TAGS = List.of("latest", "0.9.0", "1.1.0", "1.2.0", "1.2.3", "1.2.9", "1.3.0-beta.1",
            "1.3.0", "1.9.9", "2.0.0-rc.1", "2.0.0", "2.1.0", "v3.0.0", "3.0.1-rc.9", "3.0.1-rc.10", "nightly-2026");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "^1.2,          1.9.9",
            "~1.2.3,        1.2.9",
            "1.x,           1.9.9",
            "1.2.x,         1.2.9",
            ">=1.2 <2,      1.9.9",
            ">=1.2.0 <1.3,  1.2.9",
            "1.2.3,         1.2.3",
            "^2,            2.1.0",
            "^3,            v3.0.0",
            "^3.0.1-rc.1,   3.0.1-rc.10",
            "^2.0.0-rc.1,   2.1.0",
            "<1 || ^2.1,    2.1.0",
    })
    void picksTheHighestMatchingTag(String constraint, String expected) {
        assertThat(SemVerConstraint.parse(constraint).best(TAGS)).map(SemVer::tag).hasValue(expected);
    }

    @Test
    void preReleasesOnlyWhenTheConstraintNamesOneOfTheSameVersion() {
        SemVerConstraint stable = SemVerConstraint.parse("^1.2");
        SemVerConstraint channel = SemVerConstraint.parse("^1.3.0-beta.0");

        assertThat(stable.best(List.of("1.2.0", "1.3.0-beta.1"))).map(SemVer::tag).hasValue("1.2.0");
        assertThat(channel.best(List.of("1.2.0", "1.3.0-beta.1"))).map(SemVer::tag).hasValue("1.3.0-beta.1");
        // a pre-release of another version is still out, even under a pre-release constraint
        assertThat(channel.best(List.of("1.3.0", "1.4.0-beta.1"))).map(SemVer::tag).hasValue("1.3.0");
    }

    @Test
    void nothingMatchingIsEmpty() {
        assertThat(SemVerConstraint.parse("^4").best(TAGS)).isEmpty();
        assertThat(SemVerConstraint.parse("^1").best(List.of("latest", "main"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "*", "x", "latest", "{a: 1}", "1.2.3; rm -rf", " "})
    void rejectsWhatIsNotAConstraint(String text) {
        assertThatThrownBy(() -> SemVerConstraint.parse("spec.image.semver", text))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("spec.image.semver")));
    }
}
