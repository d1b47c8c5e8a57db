package io.jenkins.plugins.fathomable.jenkinsjars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes artifacts into a Maven local repository the way {@code mvn install} lays them out. It never touches an
 * artifact that came from elsewhere: when the POM is there and was not generated here (downloaded from a remote
 * repository, or installed by someone else), the artifact is left as it is, so the real published POM stays in charge.
 */
final class LocalRepository {

    enum Outcome { WRITTEN, UNCHANGED, KEPT }

    private final Path root;

    LocalRepository(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Installs {@code pom} and the files {@code extension → content} (e.g. jar, hpi) of {@code coordinates}. */
    Outcome install(Coordinates coordinates, String pom, String[] extensions, byte[][] contents) throws IOException {
        Path pomFile = root.resolve(coordinates.path("pom"));
        if (Files.exists(pomFile) && !Files.readString(pomFile, StandardCharsets.UTF_8).contains(Pom.MARKER)) {
            return Outcome.KEPT;
        }
        boolean written = write(pomFile, pom.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < extensions.length; i++) {
            written |= write(root.resolve(coordinates.path(extensions[i])), contents[i]);
        }
        return written ? Outcome.WRITTEN : Outcome.UNCHANGED;
    }

    /** Writes {@code content} unless the file already holds exactly that; atomically, for builds running side by side. */
    private static boolean write(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == content.length
                && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }
}
