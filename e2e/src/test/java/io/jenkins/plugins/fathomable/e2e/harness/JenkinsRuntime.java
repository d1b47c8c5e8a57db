package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real Jenkins the suite runs against ({@code ../shared/jenkins}: a 2.541.2 war, a Jetty launcher and the
 * plugins of a 2.541.x controller). Read-only: everything a run writes goes to its own {@code JENKINS_HOME}.
 */
public final class JenkinsRuntime {

    /** System property naming the runtime folder; the e2e pom sets it to {@code ../shared/jenkins}. */
    public static final String PROPERTY = "fathomable.jenkins";

    private final Path root;

    private JenkinsRuntime(Path root) {
        this.root = root;
    }

    /** The runtime if it is there (its launcher script exists), else empty: a clone elsewhere skips the suite. */
    public static Optional<JenkinsRuntime> find() {
        String configured = System.getProperty(PROPERTY);
        Path root = Path.of(configured != null ? configured : "../../shared/jenkins").toAbsolutePath().normalize();
        return Files.isRegularFile(root.resolve("bin/jenkins-run")) ? Optional.of(new JenkinsRuntime(root))
                : Optional.empty();
    }

    /** Where the suite looked, for the one-line skip message. */
    public static Path expectedLocation() {
        String configured = System.getProperty(PROPERTY);
        return Path.of(configured != null ? configured : "../../shared/jenkins").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code bin/jenkins-run JENKINS_HOME PORT [-D...]}: starts in the background, returns once /login answers. */
    public Path launcher() {
        return root.resolve("bin/jenkins-run");
    }

    /**
     * The controller's plugins. The runtime serves them as the war's bundled plugins through a
     * {@code war/WEB-INF/plugins} symbolic link, which a copy of the folder may have lost (it is then a small file);
     * the harness therefore always puts them into {@code JENKINS_HOME/plugins} itself.
     */
    public List<Path> plugins() {
        try (Stream<Path> files = Files.list(root.resolve("plugins"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jpi")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plugin that the war ships among its detached plugins ({@code war/WEB-INF/detached-plugins/NAME.hpi}), such as
     * {@code matrix-auth}, which the suite needs for users with fewer rights than an administrator.
     */
    public Path detachedPlugin(String shortName) {
        Path hpi = root.resolve("war/WEB-INF/detached-plugins/" + shortName + ".hpi");
        if (!Files.isRegularFile(hpi)) {
            throw new IllegalArgumentException("the Jenkins war at " + root + " has no detached plugin " + shortName);
        }
        return hpi;
    }
}
