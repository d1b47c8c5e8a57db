package io.jenkins.plugins.fathomable.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.spec.AppSpec;
import io.jenkins.plugins.fathomable.core.spec.DeploymentPattern;
import io.jenkins.plugins.fathomable.core.spec.Environment;
import io.jenkins.plugins.fathomable.core.spec.Examples;
import io.jenkins.plugins.fathomable.core.spec.SpecParser;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern's example rendered for every environment, compared with the checked-in YAML under
 * {@code src/test/resources/golden/PATTERN/ENV.yaml}. After an intended change, regenerate with
 * {@code mvn -pl core test -Dtest=RenderGoldenTest -Dgolden.update=true} and review the diff.
 */
class RenderGoldenTest {

    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    static final String COMMIT = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";
    static final String DIGEST = "sha256:8b2f0b6a2a4c1e7d9f3e5c7a9b1d3f5e7a9c1e3f5a7b9d1f3e5a7c9e1b3d5f7a";

    static Stream<Arguments> cases() {
        return Arrays.stream(DeploymentPattern.values())
                .flatMap(p -> Arrays.stream(Environment.values()).map(e -> Arguments.of(p, e)));
    }

    /** The context a release of the example would have; a SemVer example is rendered at tag 2.3.7. */
    static RenderContext context(AppSpec spec, Environment env) {
        String tag = spec.image().tag() != null ? spec.image().tag() : "2.3.7";
        return new RenderContext(env.id(), spec.name() + "-" + env.id(), new TrackerId("acme", spec.name()), COMMIT,
                new ImageVersion(spec.image().repository(), tag, DIGEST));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("cases")
    void rendersAsTheGoldenFileSays(DeploymentPattern pattern, Environment env) throws IOException {
        AppSpec spec = SpecParser.parse(Files.readString(Examples.of(pattern))).orThrow();
        String actual = new YamlWriter().writeAll(Renderer.render(spec, context(spec, env)));
        Path golden = GOLDEN.resolve(pattern.id()).resolve(env.id() + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        if (!Files.exists(golden)) {
            fail("golden file " + golden.toAbsolutePath().normalize() + " is missing: run `mvn -pl core test"
                    + " -Dtest=RenderGoldenTest -Dgolden.update=true`, review the new file and commit it");
        }
        assertThat(actual).as("rendered %s for %s differs from %s (regenerate with -Dgolden.update=true if"
                + " intended)", pattern.id(), env.id(), golden).isEqualTo(Files.readString(golden));
    }
}
