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
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tracker routes over a {@link TrackerRepository}, a {@link SecretStore} and an {@link Ingestor}.
 *
 * <p>Writes to one id are serialised (striped locks). A write that touches both the secret and the tracker changes
 * the secret first and the tracker second, undoing the secret if the tracker cannot be written: each store makes
 * its own change atomically, so a failed request (a full disk, an unwritable directory) leaves both as they were.
 *
 * <p>The ingest runs on {@code ingestThreads} and the answer waits for it at most {@code answerWithin}: when GitHub
 * or a registry is slow, the answer says the tracker is {@code READING} and the read finishes afterwards, saving its
 * observation unless a later write to the same id came first.
 */
public final class DefaultTrackerService implements TrackerService {

    /** Prefix of the ids under which posted tokens are stored; reserved, so no caller can borrow another's. */
    public static final String SECRET_PREFIX = "fathomable-";
    /** How long a create or replace waits for its ingest before answering that the read goes on. */
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(3);

    private static final int STRIPES = 64;

    private final TrackerRepository repository;
    private final SecretStore secrets;
    private final Ingestor ingestor;
    private final StatusProvider statusProvider;
    private final Clock clock;
    private final Executor ingestThreads;
    private final Duration answerWithin;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    /** Bumped by every write of an id, so a read that finishes late never overwrites a newer one's observation. */
    private final Map<TrackerId, Long> generations = new ConcurrentHashMap<>();
    private final Map<TrackerId, CompletableFuture<IngestResult>> reading = new ConcurrentHashMap<>();

    /** Ingests on the calling thread and waits for it (for hosts whose requests may block). */
    public DefaultTrackerService(TrackerRepository repository, SecretStore secrets, Ingestor ingestor,
            StatusProvider statusProvider, Clock clock) {
        this(repository, secrets, ingestor, statusProvider, clock, null, null);
    }

    /**
     * @param ingestThreads runs ingests (bounded: when it refuses work, the next poll reads the file instead)
     * @param answerWithin  how long an answer waits for its ingest
     */
    public DefaultTrackerService(TrackerRepository repository, SecretStore secrets, Ingestor ingestor,
            StatusProvider statusProvider, Clock clock, Executor ingestThreads, Duration answerWithin) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.statusProvider = Objects.requireNonNull(statusProvider, "statusProvider");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ingestThreads = ingestThreads;
        this.answerWithin = ingestThreads == null ? null : Objects.requireNonNull(answerWithin, "answerWithin");
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
            Optional<Credential> previous = secrets.lookup(secretId);
            if (input.token() != null) {
                secrets.put(secretId, input.token());
            }
            boolean created;
            try {
                created = repository.createIfAbsent(tracker);
            } catch (RuntimeException e) {
                restoreSecret(input.token() != null, secretId, previous, e);
                throw e;
            }
            if (!created) {
                restoreSecret(input.token() != null, secretId, previous, null);
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
            // The secret first: if it cannot be changed, nothing is; if the tracker then cannot be, it is put back.
            boolean secretChanged = false;
            if (input.token() != null) {
                secrets.put(secretId, input.token());
                secretChanged = true;
            } else if (!secretId.equals(tracker.credentialsId()) && previous.isPresent()) {
                secrets.remove(secretId); // the tracker no longer uses its stored token: do not keep it around
                secretChanged = true;
            }
            boolean replaced;
            try {
                replaced = repository.replace(tracker);
            } catch (RuntimeException e) {
                restoreSecret(secretChanged, secretId, previous, e);
                throw e;
            }
            if (!replaced) {
                restoreSecret(secretChanged, secretId, previous, null);
                throw new TrackerNotFoundException(tracker.id());
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
            if (repository.get(id).isEmpty()) {
                throw new TrackerNotFoundException(id);
            }
            String secretId = secretId(id);
            Optional<Credential> previous = secrets.lookup(secretId);
            if (previous.isPresent()) {
                secrets.remove(secretId);
            }
            Optional<Tracker> deleted;
            try {
                deleted = repository.delete(id);
            } catch (RuntimeException e) {
                restoreSecret(previous.isPresent(), secretId, previous, e);
                throw e;
            }
            if (deleted.isEmpty()) {
                restoreSecret(previous.isPresent(), secretId, previous, null);
                throw new TrackerNotFoundException(id);
            }
            generations.merge(id, 1L, Long::sum); // a read still running for the old tracker must not save
        } finally {
            lock.unlock();
        }
    }

    /** Called with the id's lock held. */
    private TrackerDetails ingest(Tracker tracker) {
        TrackerId id = tracker.id();
        long generation = generations.merge(id, 1L, Long::sum);
        if (ingestThreads == null) {
            return saved(tracker, runIngest(tracker));
        }
        CompletableFuture<IngestResult> read;
        try {
            read = CompletableFuture.supplyAsync(() -> runIngest(tracker), ingestThreads);
        } catch (RejectedExecutionException e) {
            TrackerObservation last = repository.observation(id).orElse(TrackerObservation.NONE);
            return new TrackerDetails(TrackerView.of(tracker), StatusView.of(last).withWebhooks(repository.webhooks(id)),
                    statusProvider.releases(id),
                    new ValidationView(false, null, List.of(new FieldError("sourcePath", "not read now: the server"
                            + " is busy reading other trackers; the next poll reads it"))));
        }
        try {
            return saved(tracker, read.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            reading.put(id, read);
            read.whenComplete((result, failure) -> finishLate(id, generation, read, result));
            return new TrackerDetails(TrackerView.of(tracker),
                    StatusView.reading(repository.observation(id).orElse(TrackerObservation.NONE))
                            .withWebhooks(repository.webhooks(id)),
                    statusProvider.releases(id), ValidationView.pending(tracker.sourcePath()));
        } catch (ExecutionException e) {
            return saved(tracker, failedIngest(e.getCause()));
        }
    }

    private TrackerDetails saved(Tracker tracker, IngestResult result) {
        repository.saveObservation(tracker.id(), result.observation());
        return new TrackerDetails(TrackerView.of(tracker),
                StatusView.of(result.observation()).withWebhooks(repository.webhooks(tracker.id())),
                statusProvider.releases(tracker.id()), ValidationView.of(result));
    }

    /** A read that outlived its answer: saved only if no write of the same id came after it. */
    private void finishLate(TrackerId id, long generation, CompletableFuture<IngestResult> read, IngestResult result) {
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            reading.remove(id, read);
            if (result != null && generations.getOrDefault(id, 0L) == generation) {
                repository.saveObservation(id, result.observation());
            }
        } finally {
            lock.unlock();
        }
    }

    private IngestResult runIngest(Tracker tracker) {
        try {
            return ingestor.ingest(tracker);
        } catch (RuntimeException e) {
            return failedIngest(e);
        }
    }

    /** An ingestor should report, not throw; its message may not be safe to show, so only the type is kept. */
    private IngestResult failedIngest(Throwable e) {
        return new IngestResult(new TrackerObservation(clock.instant(), null, null, null,
                TrackerObservation.Status.ERROR, "ingest failed (" + e.getClass().getSimpleName() + ")"), List.of());
    }

    private StatusView status(TrackerId id) {
        TrackerObservation o = repository.observation(id).orElse(TrackerObservation.NONE);
        return (reading.containsKey(id) ? StatusView.reading(o) : StatusView.of(o)).withWebhooks(repository.webhooks(id));
    }

    /** Puts the secret back as it was before this request changed it; a failure to do so is kept with the cause. */
    private void restoreSecret(boolean changed, String secretId, Optional<Credential> previous, RuntimeException cause) {
        if (!changed) {
            return;
        }
        try {
            if (previous.isPresent() && previous.get() instanceof Credential.Token t) {
                secrets.put(secretId, t.token());
            } else {
                secrets.remove(secretId);
            }
        } catch (RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                throw e;
            }
        }
    }

    private ReentrantLock lockFor(TrackerId id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }
}
