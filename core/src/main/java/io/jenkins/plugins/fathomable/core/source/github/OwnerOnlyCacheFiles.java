package io.jenkins.plugins.fathomable.core.source.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import okio.FileSystem;
import okio.ForwardingFileSystem;
import okio.Path;
import okio.Sink;

/**
 * The file system OkHttp's response cache writes through: every file it creates is 0600 and every directory 0700,
 * before anything is written into it. The cache holds file contents of private repositories; the process umask
 * would otherwise leave them readable by every user of the machine.
 */
final class OwnerOnlyCacheFiles extends ForwardingFileSystem {

    OwnerOnlyCacheFiles() {
        super(FileSystem.SYSTEM);
    }

    @Override
    public Sink sink(Path file, boolean mustCreate) throws IOException {
        java.nio.file.Path nio = file.toNioPath();
        if (!Files.exists(nio)) {
            Files.createFile(nio);
        }
        restrict(nio, "rw-------");
        return super.sink(file, mustCreate);
    }

    @Override
    public Sink appendingSink(Path file, boolean mustExist) throws IOException {
        java.nio.file.Path nio = file.toNioPath();
        if (!Files.exists(nio) && !mustExist) {
            Files.createFile(nio);
        }
        restrict(nio, "rw-------");
        return super.appendingSink(file, mustExist);
    }

    @Override
    public void createDirectory(Path dir, boolean mustCreate) throws IOException {
        super.createDirectory(dir, mustCreate);
        restrict(dir.toNioPath(), "rwx------");
    }

    private static void restrict(java.nio.file.Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix") && Files.exists(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
