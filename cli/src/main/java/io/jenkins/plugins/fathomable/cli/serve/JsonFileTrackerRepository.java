package io.jenkins.plugins.fathomable.cli.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.fathomable.core.api.TrackerRepository;
import io.jenkins.plugins.fathomable.core.api.TrackerView;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Trackers and their observations in {@code trackers.json} under the state directory. Every change rewrites the
 * file atomically before it is visible in memory, so a failed write changes nothing and a restart finds the last
 * completed change. Writes are serialised; fine for the tens of trackers one {@code serve} keeps.
 */
public final class JsonFileTrackerRepository implements TrackerRepository {

    static final String FILE = "trackers.json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredObservation(String lastPoll, String commitSha, ConfigRevision config, ImageVersion image,
            TrackerObservation.Status status, String lastError) {

        static StoredObservation of(TrackerObservation o) {
            return new StoredObservation(o.lastPoll() == null ? null : o.lastPoll().toString(), o.commitSha(),
                    o.config(), o.image(), o.status(), o.lastError());
        }

        TrackerObservation toObservation() {
            return new TrackerObservation(lastPoll == null ? null : Instant.parse(lastPoll), commitSha, config, image,
                    status, lastError);
        }
    }

    record StoredEntry(TrackerView tracker, StoredObservation observation) {}

    record StoredFile(int version, List<StoredEntry> trackers) {}

    private record Entry(Tracker tracker, TrackerObservation observation) {}

    private final Path file;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    private volatile Map<TrackerId, Entry> entries;

    public JsonFileTrackerRepository(Path stateDir) {
        this.file = stateDir.resolve(FILE);
        this.entries = load();
    }

    @Override
    public synchronized boolean createIfAbsent(Tracker tracker) {
        if (entries.containsKey(tracker.id())) {
            return false;
        }
        change(m -> {
            m.put(tracker.id(), new Entry(tracker, TrackerObservation.NONE));
            return m;
        });
        return true;
    }

    @Override
    public synchronized boolean replace(Tracker tracker) {
        Entry e = entries.get(tracker.id());
        if (e == null) {
            return false;
        }
        change(m -> {
            m.put(tracker.id(), new Entry(tracker, e.observation()));
            return m;
        });
        return true;
    }

    @Override
    public synchronized Optional<Tracker> delete(TrackerId id) {
        Entry e = entries.get(id);
        if (e == null) {
            return Optional.empty();
        }
        change(m -> {
            m.remove(id);
            return m;
        });
        return Optional.of(e.tracker());
    }

    @Override
    public Optional<Tracker> get(TrackerId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::tracker);
    }

    @Override
    public List<Tracker> list() {
        return entries.values().stream().map(Entry::tracker).toList(); // a TreeMap: already in id order
    }

    @Override
    public Optional<TrackerObservation> observation(TrackerId id) {
        return Optional.ofNullable(entries.get(id)).map(Entry::observation);
    }

    @Override
    public synchronized void saveObservation(TrackerId id, TrackerObservation observation) {
        Entry e = entries.get(id);
        if (e != null) {
            change(m -> {
                m.put(id, new Entry(e.tracker(), observation));
                return m;
            });
        }
    }

    private void change(UnaryOperator<TreeMap<TrackerId, Entry>> edit) {
        TreeMap<TrackerId, Entry> next = edit.apply(new TreeMap<>(entries));
        List<StoredEntry> stored = new ArrayList<>();
        next.values().forEach(e -> stored.add(new StoredEntry(TrackerView.of(e.tracker()),
                StoredObservation.of(e.observation()))));
        try {
            OwnerOnlyFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(new StoredFile(1, stored)));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        entries = java.util.Collections.unmodifiableMap(next);
    }

    private Map<TrackerId, Entry> load() {
        TreeMap<TrackerId, Entry> m = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                StoredFile stored = mapper.readValue(file.toFile(), StoredFile.class);
                for (StoredEntry s : stored.trackers()) {
                    TrackerView v = s.tracker();
                    Tracker t = Tracker.of(v.id(), v.repo(), v.sourcePath(), v.tag(), v.branch(), v.commit(), v.credentialsId());
                    m.put(t.id(), new Entry(t, s.observation() == null ? TrackerObservation.NONE : s.observation().toObservation()));
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(file + " cannot be read (" + e.getClass().getSimpleName()
                        + "); fix or move it away to start with no trackers", e);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
