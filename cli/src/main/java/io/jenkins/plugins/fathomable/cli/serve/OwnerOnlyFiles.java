package io.jenkins.plugins.fathomable.cli.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * State files that only the owner may read (0600 files in a 0700 directory), written atomically: a reader, or a
 * restart after Ctrl-C or a crash, sees the old content or the new, never half of it.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (0700) if needed. An existing directory keeps its permissions. */
    static void ensureDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (posix(dir)) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
    }

    /** Replaces {@code target} with {@code content}: written to a 0600 temporary file, synced, then moved. */
    static void write(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            FileAttribute<?>[] attrs = posix(dir)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that is the error to report
                }
            }
        }
    }

    /**
     * Removes the temporary files a crash left beside {@code target} ({@code .<name>*.tmp}): a write that never got
     * to its rename. They hold nothing the target does not (or did not yet) hold.
     */
    static void removeLeftovers(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName();
        try (var files = Files.newDirectoryStream(dir, f -> {
            String n = f.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove unfinished writes of " + target, e);
        }
    }

    /** Fails if {@code file} can be read by anyone but its owner: secrets must not sit in a readable file. */
    static void checkOwnerOnly(Path file) {
        if (!posix(file.toAbsolutePath().getParent())) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalStateException(file + " is readable by others (" + PosixFilePermissions.toString(perms)
                        + "); run: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + file, e);
        }
    }
}
