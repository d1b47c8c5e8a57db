package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tracker routes over a {@link TrackerRepository}, a {@link SecretStore} and an {@link Ingestor}.
 *
 * <p>Writes to one id are serialised (striped locks), so the stored secret, the tracker and the observation saved
 * by the ingest always belong together, and a failed step undoes the earlier ones. The ingest runs inside the
 * lock on purpose: a later write to the same id must not be overtaken by the observation of an earlier one.
 */
public final class DefaultTrackerService implements TrackerService {

    /** Prefix of the ids under which posted tokens are stored; reserved, so no caller can borrow another's. */
    public static final String SECRET_PREFIX = "fathomable-";

    private static final int STRIPES = 64;

    private final TrackerRepository repository;
    private final SecretStore secrets;
    private final Ingestor ingestor;
    private final StatusProvider statusProvider;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public DefaultTrackerService(TrackerRepository repository, SecretStore secrets, Ingestor ingestor,
            StatusProvider statusProvider, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.statusProvider = Objects.requireNonNull(statusProvider, "statusProvider");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The id a token posted for tracker {@code id} is stored under: {@code fathomable-<group>.<name>}. */
    public static String secretId(TrackerId id) {
        return SECRET_PREFIX + id;
    }

    @Override
    public List<TrackerDetails> list() {
        return repository.list().stream()
                .map(t -> new TrackerDetails(TrackerView.of(t), status(t.id()), null, null))
                .toList();
    }

    @Override
    public Optional<TrackerDetails> get(TrackerId id) {
        return repository.get(id).map(t -> new TrackerDetails(TrackerView.of(t), status(id),
                statusProvider.releases(id), null));
    }

    @Override
    public TrackerDetails create(TrackerInput input) {
        Tracker tracker = input.tracker();
        ReentrantLock lock = lockFor(tracker.id());
        lock.lock();
        try {
            if (repository.get(tracker.id()).isPresent()) {
                throw new TrackerExistsException(tracker.id());
            }
            String secretId = secretId(tracker.id());
            if (input.token() != null) {
                secrets.put(secretId, input.token());
            }
            boolean created;
            try {
                created = repository.createIfAbsent(tracker);
            } catch (RuntimeException e) {
                undoSecret(input, secretId, Optional.empty());
                throw e;
            }
            if (!created) {
                undoSecret(input, secretId, Optional.empty());
                throw new TrackerExistsException(tracker.id());
            }
            return ingest(tracker);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TrackerDetails replace(TrackerInput input) {
        Tracker tracker = input.tracker();
        ReentrantLock lock = lockFor(tracker.id());
        lock.lock();
        try {
            if (repository.get(tracker.id()).isEmpty()) {
                throw new TrackerNotFoundException(tracker.id());
            }
            String secretId = secretId(tracker.id());
            Optional<Credential> previous = secrets.lookup(secretId);
            if (input.token() != null) {
                secrets.put(secretId, input.token());
            }
            boolean replaced;
            try {
                replaced = repository.replace(tracker);
            } catch (RuntimeException e) {
                undoSecret(input, secretId, previous);
                throw e;
            }
            if (!replaced) {
                undoSecret(input, secretId, previous);
                throw new TrackerNotFoundException(tracker.id());
            }
            if (!secretId.equals(tracker.credentialsId())) {
                secrets.remove(secretId); // the tracker no longer uses its stored token: do not keep it around
            }
            return ingest(tracker);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(TrackerId id) {
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            if (repository.delete(id).isEmpty()) {
                throw new TrackerNotFoundException(id);
            }
            secrets.remove(secretId(id));
        } finally {
            lock.unlock();
        }
    }

    private TrackerDetails ingest(Tracker tracker) {
        IngestResult result;
        try {
            result = ingestor.ingest(tracker);
        } catch (RuntimeException e) {
            // An ingestor should report, not throw; its message may not be safe to show, so only the type is kept.
            result = new IngestResult(new TrackerObservation(clock.instant(), null, null, null,
                    TrackerObservation.Status.ERROR, "ingest failed (" + e.getClass().getSimpleName() + ")"), List.of());
        }
        repository.saveObservation(tracker.id(), result.observation());
        return new TrackerDetails(TrackerView.of(tracker), StatusView.of(result.observation()),
                statusProvider.releases(tracker.id()), ValidationView.of(result));
    }

    private StatusView status(TrackerId id) {
        return StatusView.of(repository.observation(id).orElse(TrackerObservation.NONE));
    }

    private void undoSecret(TrackerInput input, String secretId, Optional<Credential> previous) {
        if (input.token() == null) {
            return;
        }
        if (previous.isPresent() && previous.get() instanceof Credential.Token t) {
            secrets.put(secretId, t.token());
        } else {
            secrets.remove(secretId);
        }
    }

    private ReentrantLock lockFor(TrackerId id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }
}
