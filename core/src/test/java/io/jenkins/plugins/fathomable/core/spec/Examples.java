package io.jenkins.plugins.fathomable.core.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The app-team examples under {@code examples/} at the repository root (tests run in {@code core/}). */
public final class Examples {

    public static final Path DIR = Path.of("..", "examples");

    private Examples() {}

    public static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> out = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            if (out.isEmpty()) {
                throw new IllegalStateException("no examples found in " + DIR.toAbsolutePath());
            }
            return out;
        }
    }

    public static Path of(DeploymentPattern pattern) {
        return DIR.resolve(pattern.id() + ".yaml");
    }
}
