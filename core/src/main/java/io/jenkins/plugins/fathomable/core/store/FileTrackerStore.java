package io.jenkins.plugins.fathomable.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A {@link TrackerStore} keeping one JSON file per tracker ({@code <group.name>.json}) in one directory.
 *
 * <p>Each write goes to a temporary file in the same directory, is forced to disk, renamed over the old file with
 * an atomic move and the directory is forced too: a reader (or a restart after {@code kill -9} or power loss) sees
 * either the old file or the new one, never a mix. Temporary files left by a crash are removed on open. Writing one
 * tracker touches that tracker's file only. Records are cached in memory after open: this store assumes it is the
 * only writer of its directory.
 */
public final class FileTrackerStore implements TrackerStore, ObservationStore {

    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private final ObjectMapper mapper;
    private final ConcurrentMap<TrackerId, TrackerRecord> records = new ConcurrentHashMap<>();
    private final ConcurrentMap<TrackerId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final boolean posix;

    /**
     * Opens (creating if needed) the store in {@code dir}, removing temporary files a crash left behind and loading
     * every tracker file.
     *
     * @throws StoreException if the directory cannot be read or a tracker file is not valid (the message names it)
     */
    public FileTrackerStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        this.mapper = StoreJson.mapper();
        this.posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Files.createDirectories(this.dir);
            load();
        } catch (IOException e) {
            throw new StoreException("cannot open tracker store " + this.dir + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return dir;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMP_SUFFIX)) {
                    // An unfinished write from before a crash: never renamed, so never valid.
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX) && Files.isRegularFile(file)) {
                    TrackerId id = idOf(file, name);
                    TrackerRecord record = StoreJson.read(mapper, Files.readAllBytes(file), file.toString());
                    if (!record.id().equals(id)) {
                        throw new StoreException(file + ": holds tracker " + record.id() + ", not " + id);
                    }
                    records.put(id, record);
                }
            }
        }
    }

    private static TrackerId idOf(Path file, String name) {
        try {
            return TrackerId.parse(name.substring(0, name.length() - SUFFIX.length()));
        } catch (ValidationException e) {
            throw new StoreException(file + ": file name is not a tracker id: " + e.getMessage(), e);
        }
    }

    @Override
    public TrackerRecord create(TrackerRecord record) {
        Objects.requireNonNull(record, "record");
        TrackerId id = record.id();
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            if (records.containsKey(id)) {
                throw new TrackerExistsException(id);
            }
            write(id, record);
            records.put(id, record);
            return record;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<TrackerRecord> get(TrackerId id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public List<TrackerRecord> list() {
        return ids().stream().map(records::get).filter(Objects::nonNull).toList();
    }

    @Override
    public List<TrackerId> ids() {
        return records.keySet().stream().sorted().toList();
    }

    @Override
    public TrackerRecord update(TrackerId id, UnaryOperator<TrackerRecord> change) {
        Objects.requireNonNull(change, "change");
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            TrackerRecord current = records.get(id);
            if (current == null) {
                throw new NoSuchTrackerException(id);
            }
            TrackerRecord next = Objects.requireNonNull(change.apply(current), "an update returned no record");
            if (!next.id().equals(id)) {
                throw new IllegalArgumentException("an update may not change the tracker id (" + id + " to "
                        + next.id() + ")");
            }
            if (!next.equals(current)) {
                write(id, next);
                records.put(id, next);
            }
            return next;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(TrackerId id) {
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            if (!records.containsKey(id)) {
                return false;
            }
            try {
                Files.deleteIfExists(fileOf(id));
                forceDirectory();
            } catch (IOException e) {
                throw new StoreException("cannot delete " + fileOf(id) + ": " + e.getMessage(), e);
            }
            records.remove(id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<TrackerObservation> observation(TrackerId id) {
        return get(id).map(TrackerRecord::observation);
    }

    /** @throws NoSuchTrackerException if the tracker is not stored: observations belong to a stored tracker */
    @Override
    public void saveObservation(TrackerId id, TrackerObservation observation) {
        Objects.requireNonNull(observation, "observation");
        update(id, r -> r.withObservation(observation));
    }

    // Locks are kept after delete so two threads never lock different objects for the same id.
    private ReentrantLock lock(TrackerId id) {
        return locks.computeIfAbsent(Objects.requireNonNull(id, "id"), k -> new ReentrantLock());
    }

    private Path fileOf(TrackerId id) {
        return dir.resolve(id + SUFFIX);
    }

    private void write(TrackerId id, TrackerRecord record) {
        Path target = fileOf(id);
        Path temp = null;
        try {
            byte[] bytes = StoreJson.write(mapper, record);
            temp = Files.createTempFile(dir, "." + id + ".", TEMP_SUFFIX);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            forceDirectory();
        } catch (IOException e) {
            throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // removed on the next open
                }
            }
        }
    }

    // The rename is only durable once the directory entry is on disk. Non-POSIX file systems (Windows) cannot open
    // a directory as a channel; there the rename is journaled by the file system itself.
    private void forceDirectory() throws IOException {
        if (!posix) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
