package io.jenkins.plugins.fathomable.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a directory really unwritable for this process: {@code chmod 500} for a normal user; for root, whom
 * permissions do not stop, the immutable attribute ({@code chattr +i}). Checked by trying to create a file.
 */
public final class UnwritableDir implements AutoCloseable {

    private final Path dir;
    private final boolean immutable;

    private UnwritableDir(Path dir, boolean immutable) {
        this.dir = dir;
        this.immutable = immutable;
    }

    public static UnwritableDir of(Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run("chattr", "+i", dir.toString());
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        }
        UnwritableDir u = new UnwritableDir(dir, root);
        try {
            Files.createFile(dir.resolve("probe"));
            Files.delete(dir.resolve("probe"));
            u.close();
            throw new AssertionError("could not make " + dir + " unwritable for this process");
        } catch (IOException expected) {
            return u;
        }
    }

    @Override
    public void close() throws Exception {
        if (immutable) {
            run("chattr", "-i", dir.toString());
        } else {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
