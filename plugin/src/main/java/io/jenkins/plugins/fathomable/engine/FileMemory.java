package io.jenkins.plugins.fathomable.engine;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@link ConfiguredTrackers.Memory} in a text file, one id a line, replaced atomically. Holds no secret. */
final class FileMemory implements ConfiguredTrackers.Memory {

    private final Path file;

    FileMemory(Path file) {
        this.file = file;
    }

    @Override
    public Set<TrackerId> load() {
        try {
            if (!Files.exists(file)) {
                return Set.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .map(TrackerId::parse).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void save(Set<TrackerId> ids) {
        String text = new TreeSet<>(ids.stream().map(TrackerId::toString).toList()).stream()
                .collect(Collectors.joining("\n", "", ids.isEmpty() ? "" : "\n"));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
