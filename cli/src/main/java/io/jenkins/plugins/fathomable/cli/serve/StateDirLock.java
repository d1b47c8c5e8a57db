package io.jenkins.plugins.fathomable.cli.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the state directory ({@code .lock}, held while {@code serve} runs), so a second
 * {@code serve} on the same directory refuses to start instead of overwriting the first one's trackers: its stores
 * keep their records in memory and assume they are the only writer. The lock is the operating system's, so it goes
 * away with the process, also after {@code kill -9}; the file (holding the last holder's process id) stays.
 */
final class StateDirLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StateDirLock acquire(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw StartupException.stateDir("write the lock file", file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process (a second serve in the same JVM)
        } catch (IOException e) {
            close(channel);
            throw StartupException.stateDir("lock", file, e);
        }
        if (lock == null) {
            String holder = holder(file);
            close(channel);
            throw new StartupException("the state directory " + stateDir + " is in use by another fathomable serve"
                    + (holder.isEmpty() ? "" : " (process " + holder + ")") + "; stop it first, or give this one its"
                    + " own --state-dir");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            if (OwnerOnlyFiles.posix(stateDir)) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            // the lock is what counts; the pid in the file only helps the message of a second serve
        }
        return new StateDirLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held any more
        }
    }
}
