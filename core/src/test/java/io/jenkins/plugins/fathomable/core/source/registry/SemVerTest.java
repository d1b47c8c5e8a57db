package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerTest {

    @Test
    void ordersBySemVerPrecedence() {
        List<String> shuffled = List.of("1.0.0", "1.0.0-rc.10", "1.0.0-alpha", "1.0.0-rc.9", "1.0.0-alpha.1",
                "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-beta", "0.9.12", "1.10.0", "1.9.0", "v2.0.0");

        List<String> sorted = shuffled.stream().map(SemVer::parse).map(Optional::orElseThrow).sorted().map(SemVer::tag).toList();

        assertThat(sorted).containsExactly("0.9.12", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.9", "1.0.0-rc.10", "1.0.0", "1.9.0", "1.10.0", "v2.0.0");
    }

    @Test
    void rcTenIsAfterRcNine() {
        assertThat(SemVer.parse("1.0.0-rc.10").orElseThrow()).isGreaterThan(SemVer.parse("1.0.0-rc.9").orElseThrow());
    }

    @Test
    void keepsTheTagAsWrittenWithItsLeadingV() {
        SemVer version = SemVer.parse("v1.2.3").orElseThrow();

        assertThat(version.tag()).isEqualTo("v1.2.3");
        assertThat(version).isEqualByComparingTo(SemVer.parse("v1.2.3").orElseThrow());
        assertThat(version.isPreRelease()).isFalse();
        assertThat(SemVer.parse("1.2.3-rc.1").orElseThrow().isPreRelease()).isTrue();
    }

    @Test
    void buildMetadataDoesNotChangePrecedenceButOrderIsStable() {
        SemVer a = SemVer.parse("1.0.0+build.1").orElseThrow();
        SemVer b = SemVer.parse("1.0.0+build.2").orElseThrow();

        assertThat(a).isLessThan(b);
        assertThat(a).isGreaterThan(SemVer.parse("1.0.0-rc.1").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "1.2", "1", "main", "01.2.3", "1.2.3.4", "sha-abc123", " 1.2.3", "V1.2.3", ""})
    void tagsThatAreNotSemVerAreIgnored(String tag) {
        assertThat(SemVer.parse(tag)).isEmpty();
    }
}
