package io.jenkins.plugins.fathomable.jenkinsjars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryTest {

    @TempDir
    Path root;

    private final Coordinates guava = new Coordinates("com.google.guava", "guava", "33.5.0-jre");

    private LocalRepository.Outcome install(byte[] jar) throws Exception {
        return new LocalRepository(root).install(guava, Pom.render(guava, "jar", "test", List.of()),
                new String[] {"jar"}, new byte[][] {jar});
    }

    @Test
    void laysArtifactsOutAsMavenDoesAndWritesOnlyWhatChanged() throws Exception {
        assertThat(install(new byte[] {1, 2})).isEqualTo(LocalRepository.Outcome.WRITTEN);
        Path dir = root.resolve("com/google/guava/guava/33.5.0-jre");
        assertThat(dir.resolve("guava-33.5.0-jre.jar")).hasBinaryContent(new byte[] {1, 2});
        assertThat(Files.readString(dir.resolve("guava-33.5.0-jre.pom"))).contains(Pom.MARKER);

        assertThat(install(new byte[] {1, 2})).isEqualTo(LocalRepository.Outcome.UNCHANGED);
        assertThat(install(new byte[] {3})).isEqualTo(LocalRepository.Outcome.WRITTEN);
        assertThat(dir.resolve("guava-33.5.0-jre.jar")).hasBinaryContent(new byte[] {3});
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary files left").allMatch(p -> !p.toString().endsWith(".part"));
        }
    }

    @Test
    void neverTouchesAnArtifactThatCameFromElsewhere() throws Exception {
        Path dir = Files.createDirectories(root.resolve("com/google/guava/guava/33.5.0-jre"));
        String published = "<project><!-- the real one, with its dependencies --></project>";
        Files.writeString(dir.resolve("guava-33.5.0-jre.pom"), published);
        Files.write(dir.resolve("guava-33.5.0-jre.jar"), new byte[] {9});

        assertThat(install(new byte[] {1, 2})).isEqualTo(LocalRepository.Outcome.KEPT);
        assertThat(dir.resolve("guava-33.5.0-jre.pom")).hasContent(published);
        assertThat(dir.resolve("guava-33.5.0-jre.jar")).hasBinaryContent(new byte[] {9});
    }
}
